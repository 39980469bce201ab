import { fromBase64url } from './base64url.js';
import { sortedKeys } from './couple-key.js';

/**
 * The safety code both phones show: 6 digits from SHA-256 over a label and both public keys in
 * sorted order, so it is the same on both phones and changes whenever either key changes
 * (re-pairing, or a key swapped on the way). Shown as "123 456".
 */
export async function safetyCode(publicKeyA: string, publicKeyB: string): Promise<string> {
  const [lo, hi] = sortedKeys(publicKeyA, publicKeyB);
  const a = fromBase64url(lo);
  const b = fromBase64url(hi);
  if (!a || !b) throw new Error('bad public key');
  const label = new TextEncoder().encode('breather.safety-code.v1');
  const input = new Uint8Array(label.length + a.length + b.length);
  input.set(label, 0);
  input.set(a, label.length);
  input.set(b, label.length + a.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  // 32 bits reduced to 6 digits: the bias is below one in four thousand, irrelevant for a visual check.
  const n = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  const digits = String(n % 1_000_000).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}
