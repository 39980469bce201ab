/**
 * Every piece of personal text that travels through the server (held messages, reconnect cards,
 * paraphrases, repair…) is an opaque string to it. This module is the one place that turns text or
 * structured content into that string and back, inside a small versioned envelope.
 *
 * Wire formats (version 1):
 * - text:       {"v":1,"text":"…"}                (held messages, paraphrases, repair, adjustments)
 * - structured: {"v":1,"kind":"card","data":{…}} (a reconnect preparation card)
 */

import { openConversationText, type ConversationOpenState } from '../crypto/conversation';

/*
 * End-to-end encryption (client/crypto): the stores seal these envelopes before sending
 * (crypto/conversation.ts sealConversationBody, held messages in stores/held.ts) so the server only ever sees
 * `v1.<iv>.<ciphertext>`. `decodeText`/`decodeData` open a sealed reconnect payload first (reactively:
 * null while it is being opened) and never trust a payload that is not sealed. `payloadState` tells
 * "still opening" from "could not be opened" (tampered) for the screens.
 */

const VERSION = 1;

interface TextEnvelope {
  v: number;
  text: string;
}

interface DataEnvelope {
  v: number;
  kind: string;
  data: unknown;
}

function parse(payload: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return null;
  }
}

export function encodeText(text: string): string {
  const envelope: TextEnvelope = { v: VERSION, text };
  return JSON.stringify(envelope);
}

/** The opened text of a sealed reconnect payload; null while opening, or if it cannot be opened. */
function unseal(payload: string | null | undefined): string | null {
  if (typeof payload !== 'string') return null;
  const opened = openConversationText(payload);
  return opened.state === 'ok' ? opened.text : null;
}

/** 'pending' while this phone opens a sealed payload, 'failed' when it cannot (changed on the way), else 'ok'. */
export function payloadState(payload: string | null | undefined): ConversationOpenState {
  if (typeof payload !== 'string') return 'failed';
  return openConversationText(payload).state;
}

/** Null when the payload is not one this phone can read (not sealed for us, a newer format, or damaged). */
export function decodeText(payload: string | null | undefined): string | null {
  return decodeInnerText(unseal(payload));
}

/** The text inside an opened (or not yet sealed) envelope. */
export function decodeInnerText(payload: string | null | undefined): string | null {
  if (typeof payload !== 'string') return null;
  const parsed = parse(payload) as Partial<TextEnvelope> | null;
  return parsed && typeof parsed === 'object' && parsed.v === VERSION && typeof parsed.text === 'string'
    ? parsed.text
    : null;
}

export function encodeData(kind: string, data: unknown): string {
  const envelope: DataEnvelope = { v: VERSION, kind, data };
  return JSON.stringify(envelope);
}

/**
 * The content of a structured payload of this kind, checked by `read` (which returns null for
 * anything it does not accept); null when the payload is unreadable or of another kind.
 */
export function decodeData<T>(
  kind: string,
  sealed: string | null | undefined,
  read: (data: unknown) => T | null,
): T | null {
  const payload = unseal(sealed);
  if (typeof payload !== 'string') return null;
  const parsed = parse(payload) as Partial<DataEnvelope> | null;
  if (!parsed || typeof parsed !== 'object' || parsed.v !== VERSION || parsed.kind !== kind) return null;
  return read(parsed.data);
}
