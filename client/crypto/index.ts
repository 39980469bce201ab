/**
 * The end-to-end encryption API for the rest of the client. Every piece of personal text that leaves
 * this phone goes through `sealText`/`sealJson` and comes back through `openText`/`openJson` (async)
 * or `peekText` (synchronous and reactive, for computed values). The couple key never leaves the store.
 *
 * Additional data for every message: {coupleId, senderId, messageId}. The coupleId and this phone's
 * device id (as sender) are filled in here; callers name the message:
 * - held messages: their own id;
 * - the reassurance: 'settings.reassurance';
 * - reconnect conversation payloads: `talk.<conversation id>` (see conversationMessageId).
 */
import { useE2eStore, type Opened } from './couple';

export { NotReadyError, type Opened } from './couple';
export { OpenError } from '../../shared/crypto/aead';
export { ENVELOPE_PATTERN } from '../../shared/crypto/aead';

export const REASSURANCE_MESSAGE_ID = 'settings.reassurance';

/**
 * The prefix stays `talk.`: it is bound into every conversation payload already sealed, which must still
 * open on a phone updated mid-conversation or paired with one not yet updated.
 */
export function conversationMessageId(conversationId: string): string {
  return `talk.${conversationId}`;
}

export function sealText(text: string, opts: { messageId: string }): Promise<string> {
  return useE2eStore().seal(text, opts);
}

export function openText(payload: string, opts: { messageId: string; senderId: string }): Promise<string> {
  return useE2eStore().open(payload, opts);
}

export async function sealJson(value: unknown, opts: { messageId: string }): Promise<string> {
  return sealText(JSON.stringify(value), opts);
}

export async function openJson<T>(payload: string, opts: { messageId: string; senderId: string }): Promise<T> {
  return JSON.parse(await openText(payload, opts)) as T;
}

/** Reactive and synchronous: 'pending', then 'ok' with the text or 'failed' (tampered / not ours). */
export function peekText(payload: string, opts: { messageId: string; senderIds: string[] }): Opened {
  return useE2eStore().peek(payload, opts);
}
