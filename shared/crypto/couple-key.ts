import { fromBase64url, toBase64url } from './base64url.js';

/**
 * The couple key. Each phone makes an ECDH P-256 key pair (private key non-extractable); the public
 * keys go through the server as raw uncompressed points in base64url (65 bytes → 87 characters).
 * Both phones run ECDH, then HKDF-SHA-256 → AES-GCM 256:
 *   salt = UTF-8 "breather.couple-key.v1|" + coupleId
 *   info = UTF-8 "breather.couple-key.v1|" + lower public key + "|" + higher public key  (sorted as strings)
 * so the key belongs to this couple and these two keys, and both sides compute the same bytes.
 */

type Subtle = typeof globalThis.crypto.subtle;
/** WebCrypto's CryptoKey, spelled so it type-checks with both the DOM and the Node typings. */
export type CryptoKeyLike = Awaited<ReturnType<Subtle['deriveKey']>>;
export interface KeyPairLike {
  publicKey: CryptoKeyLike;
  privateKey: CryptoKeyLike;
}

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const LABEL = 'breather.couple-key.v1|';
/** A raw uncompressed P-256 point: 0x04 ‖ x ‖ y, base64url → always starts with "B", 87 characters. */
export const PUBLIC_KEY_PATTERN = /^B[A-Za-z0-9_-]{86}$/;

/** A fresh key pair; the private key can be used but never exported (not even by this app). */
export async function generateKeyPair(): Promise<KeyPairLike> {
  return await crypto.subtle.generateKey(ECDH, false, ['deriveBits']);
}

export async function exportPublicKey(key: CryptoKeyLike): Promise<string> {
  return toBase64url(new Uint8Array(await crypto.subtle.exportKey('raw', key)));
}

/** Rejects anything that is not a valid point on P-256 (WebCrypto checks the curve). */
export async function importPublicKey(text: string): Promise<CryptoKeyLike> {
  const raw = PUBLIC_KEY_PATTERN.test(text) ? fromBase64url(text) : null;
  if (!raw || raw.length !== 65 || raw[0] !== 4) throw new Error('not a P-256 public key');
  return crypto.subtle.importKey('raw', raw, ECDH, true, []);
}

export async function isValidPublicKey(text: string): Promise<boolean> {
  try {
    await importPublicKey(text);
    return true;
  } catch {
    return false;
  }
}

/** The two public keys in canonical (sorted) order, so both phones agree without knowing who is "first". */
export function sortedKeys(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/**
 * Derives the AES-GCM 256 couple key (non-extractable). `myPublicKey` is this phone's own public key,
 * `peerPublicKey` the partner's, both as published.
 */
export async function deriveCoupleKey(
  privateKey: CryptoKeyLike,
  myPublicKey: string,
  peerPublicKey: string,
  coupleId: string,
): Promise<CryptoKeyLike> {
  if (myPublicKey === peerPublicKey) throw new Error('the partner key is this phone’s own key');
  const peer = await importPublicKey(peerPublicKey);
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: peer }, privateKey, 256);
  const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const [lo, hi] = sortedKeys(myPublicKey, peerPublicKey);
  const enc = new TextEncoder();
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: enc.encode(LABEL + coupleId), info: enc.encode(`${LABEL}${lo}|${hi}`) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}
