/**
 * WebCrypto exists only in a secure context: HTTPS, or http://localhost. Without it this app cannot
 * encrypt, and it never falls back to sending personal words in plaintext: it explains how to open
 * it securely instead (InsecureOrigin.vue).
 */
export function isSecureOrigin(): boolean {
  return typeof window !== 'undefined' && window.isSecureContext === true && !!globalThis.crypto?.subtle;
}
