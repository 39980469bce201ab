/**
 * The text of a held message travels as an opaque string: the server stores and relays it without
 * reading it. This envelope is the one place that turns text into that string and back, so end-to-end
 * encryption can wrap it later without touching the store, the screens or the server.
 */

/** Plenty for "what I want you to know later"; far under the server's 16 KB payload limit. */
export const HELD_TEXT_MAX = 2000;

const VERSION = 1;

interface Envelope {
  v: number;
  text: string;
}

export function encodeHeld(text: string): string {
  const envelope: Envelope = { v: VERSION, text };
  return JSON.stringify(envelope);
}

/** Null when the payload is not one this phone can read (a newer format, or damaged). */
export function decodeHeld(payload: string): string | null {
  try {
    const parsed = JSON.parse(payload) as Partial<Envelope> | null;
    return parsed && parsed.v === VERSION && typeof parsed.text === 'string' ? parsed.text : null;
  } catch {
    return null;
  }
}
