/**
 * The text of a held message travels as an opaque string: the server stores and relays it without
 * reading it. The envelope itself lives in lib/payload.ts, the one place every payload is encoded; the
 * held store seals it on this phone before it is sent (client/crypto).
 */
import { decodeInnerText, encodeText } from '../lib/payload';

/** Plenty for "what I want you to know later"; far under the server's 16 KB payload limit. */
export const HELD_TEXT_MAX = 2000;

export function encodeHeld(text: string): string {
  return encodeText(text);
}

/**
 * The text inside an opened envelope; null when it is not one this phone can read (a newer format,
 * or damaged). End-to-end encryption wraps this envelope: stores/held.ts seals `encodeHeld(text)`
 * with the couple key (message id as additional data) and opens it before calling this.
 */
export function decodeHeld(opened: string): string | null {
  return decodeInnerText(opened);
}
