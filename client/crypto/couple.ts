import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { openText as openWith, sealText as sealWith } from '../../shared/crypto/aead';
import { useConnectionStore } from '../stores/connection';
import { useCoupleStore } from '../stores/couple';
import { coupleKeyBasis, deriveCouple, type CoupleKey } from './couple-key';
import { useDeviceKeys } from './device-keys';
import { forgetKeys } from './keystore';
import { createOpenedCache, type Opened } from './opened';
import { isSecureOrigin } from './secure';

/**
 * End-to-end encryption for this couple, on this phone: wires this phone's keys (device-keys.ts), the
 * couple key and safety code (couple-key.ts) and the cache of opened payloads (opened.ts) to the stores.
 *
 * - After linking, the phone makes (or loads) its key pair and publishes the public key.
 * - Once both public keys are in the snapshot, both phones derive the same AES-GCM couple key and show
 *   the same safety code.
 * - `seal`/`open` encrypt personal text with additional data {coupleId, senderId, messageId}.
 */

export type E2eStatus = 'insecure' | 'unlinked' | 'waiting' | 'ready' | 'failed';
export type { Opened };

export class NotReadyError extends Error {
  constructor() {
    super('the couple key is not ready');
    this.name = 'NotReadyError';
  }
}

const READY_WAIT_MS = 10_000;

export const useE2eStore = defineStore('e2e', () => {
  const conn = useConnectionStore();
  const couple = useCoupleStore();
  const secure = isSecureOrigin();
  const keys = useDeviceKeys(conn, couple);
  const current = shallowRef<CoupleKey | null>(null);
  const cache = createOpenedCache(() => current.value);
  const waiters = new Set<() => void>();

  const status = computed<E2eStatus>(() => {
    if (!secure) return 'insecure';
    if (!couple.linked || !couple.deviceId) return 'unlinked';
    if (keys.failed.value) return 'failed';
    return current.value && current.value.coupleId === couple.snapshot?.coupleId ? 'ready' : 'waiting';
  });
  const ready = computed(() => status.value === 'ready');
  const safetyCode = computed(() => (ready.value ? current.value!.safetyCode : null));

  async function derive(): Promise<void> {
    const mine = keys.mine.value;
    const snap = couple.snapshot;
    const me = couple.me;
    const peer = couple.partner;
    if (!mine || !snap || !me || me.id !== mine.deviceId || me.publicKey !== mine.publicKey || !peer?.publicKey) return;
    if (current.value?.basis === coupleKeyBasis(snap.coupleId, mine, peer.publicKey)) return;
    try {
      const next = await deriveCouple(snap.coupleId, mine, peer.publicKey);
      cache.clear();
      current.value = next;
      for (const wake of [...waiters]) wake();
    } catch {
      current.value = null;
    }
  }

  function start(): void {
    if (!secure) return;
    watch(
      () => couple.deviceId,
      (id, before) => {
        keys.reset();
        current.value = null;
        cache.clearResults();
        if (id) void keys.load(id);
        else if (before) void forgetKeys();
      },
      { immediate: true },
    );
    watch([keys.mine, () => couple.me?.publicKey, () => conn.connected], () => void keys.publish());
    watch(
      [keys.mine, () => couple.me?.publicKey, () => couple.partner?.publicKey, () => couple.snapshot?.coupleId],
      () => void derive(),
    );
  }

  /** The couple key, waiting a little for it (just linked, keys still being exchanged). */
  function whenReady(timeoutMs = READY_WAIT_MS): Promise<CoupleKey | null> {
    if (ready.value) return Promise.resolve(current.value);
    if (!secure) return Promise.resolve(null);
    return new Promise((resolve) => {
      const done = () => {
        waiters.delete(done);
        clearTimeout(timer);
        resolve(ready.value ? current.value : null);
      };
      const timer = setTimeout(done, timeoutMs);
      waiters.add(done);
    });
  }

  /** Seals text written on this phone. Throws NotReadyError when there is no couple key (yet). */
  async function seal(text: string, { messageId }: { messageId: string }): Promise<string> {
    const ck = await whenReady();
    if (!ck) throw new NotReadyError();
    return sealWith(ck.key, text, { coupleId: ck.coupleId, senderId: ck.deviceId, messageId });
  }

  /** Opens text written by `senderId`. Throws OpenError (tampered, or not this context) or NotReadyError. */
  async function open(
    payload: string,
    { messageId, senderId }: { messageId: string; senderId: string },
  ): Promise<string> {
    const ck = await whenReady();
    if (!ck) throw new NotReadyError();
    return openWith(ck.key, payload, { coupleId: ck.coupleId, senderId, messageId });
  }

  /** Synchronous, reactive view of an opened payload for screens and computed values (see opened.ts). */
  function peek(payload: string, opts: { messageId: string; senderIds: string[] }): Opened {
    const ck = current.value;
    if (!ck || !ready.value) return { state: 'pending' };
    return cache.peek(ck, payload, opts);
  }

  return { secure, status, ready, safetyCode, start, whenReady, seal, open, peek };
});
