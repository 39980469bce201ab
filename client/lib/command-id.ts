const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * 22 random characters (132 bits) for de-duplicating a retried tap.
 * Built on getRandomValues because randomUUID is missing on plain-http LAN origins.
 */
export function newCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(22));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}
