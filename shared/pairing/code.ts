/** Crockford base32: no I, L, O or U, so a code read aloud or typed by a tired thumb is hard to get wrong. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 8;

/** Encode the low 5 bits of each byte; callers pass cryptographically random bytes. */
export function encodeCode(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new RangeError(`need ${CODE_LENGTH} random bytes`);
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += CROCKFORD_ALPHABET[bytes[i]! & 31];
  return out;
}

/** XXXXXXXX → XXXX-XXXX for display. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Accept what people actually type: any case, with or without the dash or spaces,
 * and the Crockford look-alikes (O→0, I/L→1). Returns null if it cannot be a code.
 */
export function normalizeCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== CODE_LENGTH) return null;
  for (const ch of cleaned) if (!CROCKFORD_ALPHABET.includes(ch)) return null;
  return cleaned;
}

/** The first half finds the invite; the second half is the secret that wrong guesses count against. */
export function splitCode(code: string): { lookup: string; secret: string } {
  return { lookup: code.slice(0, 4), secret: code.slice(4) };
}
