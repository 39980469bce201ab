import { reactive } from 'vue';
import { openText, type MessageContext } from '../../shared/crypto/aead';
import type { CoupleKey } from './couple-key';

/** The result of opening one payload, cached so screens can read it synchronously (and reactively). */
export type Opened = { state: 'pending' } | { state: 'ok'; text: string; senderId: string } | { state: 'failed' };

/** Payload → what it opened to, under the couple key current when it was opened. */
export function createOpenedCache(current: () => CoupleKey | null) {
  const opened = reactive(new Map<string, Opened>());
  const inflight = new Set<string>();

  /**
   * 'pending' at first (and while there is no key), then 'ok' or 'failed'. Tries each candidate sender
   * in turn; `senderId` in the result says whose it proved to be.
   */
  function peek(
    ck: CoupleKey,
    payload: string,
    { messageId, senderIds }: { messageId: string; senderIds: string[] },
  ): Opened {
    const cacheKey = `${messageId}\u0000${senderIds.join(',')}\u0000${payload}`;
    const hit = opened.get(cacheKey);
    if (hit) return hit;
    // Not written to the reactive map until done: a computed reading this must not re-trigger itself.
    if (inflight.has(cacheKey)) return { state: 'pending' };
    inflight.add(cacheKey);
    void (async () => {
      for (const senderId of senderIds) {
        const ctx: MessageContext = { coupleId: ck.coupleId, senderId, messageId };
        try {
          const text = await openText(ck.key, payload, ctx);
          inflight.delete(cacheKey);
          if (current() === ck) opened.set(cacheKey, { state: 'ok', text, senderId });
          return;
        } catch {
          // Try the next candidate sender.
        }
      }
      inflight.delete(cacheKey);
      if (current() === ck) opened.set(cacheKey, { state: 'failed' });
    })();
    return { state: 'pending' };
  }

  /** Results only: an open still running is dropped on arrival, as its key is no longer current. */
  function clearResults(): void {
    opened.clear();
  }

  function clear(): void {
    opened.clear();
    inflight.clear();
  }

  return { peek, clear, clearResults };
}
