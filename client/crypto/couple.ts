import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { openText as openWith, sealText as sealWith, type MessageContext } from '../../shared/crypto/aead';
import { deriveCoupleKey, type CryptoKeyLike } from '../../shared/crypto/couple-key';
import { safetyCode as computeSafetyCode } from '../../shared/crypto/safety-code';
import { useConnectionStore } from '../stores/connection';
import { useCoupleStore } from '../stores/couple';
import { deviceKeys, forgetKeys, type DeviceKeys } from './keystore';
import { isSecureOrigin } from './secure';

/**
 * End-to-end encryption for this couple, on this phone.
 *
 * - After linking, the phone makes (or loads) its key pair and publishes the public key (`keys:publish`),
 *   again whenever the server's copy differs from the phone's (a phone that lost its keys makes new ones).
 * - Once both public keys are in the snapshot, both phones derive the same AES-GCM couple key
 *   (shared/crypto/couple-key.ts) and show the same safety code.
 * - `seal`/`open` encrypt personal text with additional data {coupleId, senderId, messageId}.
 */

export type E2eStatus = 'insecure' | 'unlinked' | 'waiting' | 'ready' | 'failed';

interface CoupleKey {
  /** What the key was derived from; a change to any part means a new key. */
  basis: string;
  coupleId: string;
  deviceId: string;
  key: CryptoKeyLike;
  safetyCode: string;
}

/** The result of opening one payload, cached so screens can read it synchronously (and reactively). */
export type Opened = { state: 'pending' } | { state: 'ok'; text: string; senderId: string } | { state: 'failed' };

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
  const mine = shallowRef<DeviceKeys | null>(null);
  const current = shallowRef<CoupleKey | null>(null);
  const failed = ref(false);
  /** Payload → what it opened to; emptied when the couple key changes. */
  const opened = reactive(new Map<string, Opened>());
  const inflight = new Set<string>();
  const waiters = new Set<() => void>();

  const status = computed<E2eStatus>(() => {
    if (!secure) return 'insecure';
    if (!couple.linked || !couple.deviceId) return 'unlinked';
    if (failed.value) return 'failed';
    return current.value && current.value.coupleId === couple.snapshot?.coupleId ? 'ready' : 'waiting';
  });
  const ready = computed(() => status.value === 'ready');
  const safetyCode = computed(() => (ready.value ? current.value!.safetyCode : null));

  /** Loads or makes this device's keys when it links. */
  async function loadKeys(deviceId: string): Promise<void> {
    try {
      const keys = await deviceKeys(deviceId);
      if (couple.deviceId === deviceId) mine.value = keys;
    } catch {
      failed.value = true;
    }
  }

  let publishing = false;
  /** Publishes this phone's public key whenever the server does not have it (after linking, after losing keys). */
  async function publish(): Promise<void> {
    let keys = mine.value;
    if (publishing || !keys || !conn.connected || !couple.me || couple.me.publicKey === keys.publicKey) return;
    publishing = true;
    try {
      // Another tab of this phone may have stored a newer pair: adopt what is stored, so tabs agree.
      const stored = await deviceKeys(keys.deviceId).catch(() => keys!);
      if (stored.publicKey !== keys.publicKey && couple.deviceId === keys.deviceId) mine.value = keys = stored;
      if (couple.me?.publicKey === keys.publicKey) return;
      const res = await conn.call('keys:publish', { publicKey: keys.publicKey });
      if ('data' in res) couple.applySnapshot(res.data);
    } finally {
      publishing = false;
    }
  }

  async function derive(): Promise<void> {
    const keys = mine.value;
    const snap = couple.snapshot;
    const me = couple.me;
    const peer = couple.partner;
    if (!keys || !snap || !me || me.id !== keys.deviceId || me.publicKey !== keys.publicKey || !peer?.publicKey) return;
    const basis = [snap.coupleId, keys.deviceId, keys.publicKey, peer.publicKey].join('|');
    if (current.value?.basis === basis) return;
    try {
      const key = await deriveCoupleKey(keys.privateKey, keys.publicKey, peer.publicKey, snap.coupleId);
      const code = await computeSafetyCode(keys.publicKey, peer.publicKey);
      opened.clear();
      inflight.clear();
      current.value = { basis, coupleId: snap.coupleId, deviceId: keys.deviceId, key, safetyCode: code };
      for (const wake of [...waiters]) wake();
    } catch {
      // A partner key that does not import: nothing can be sealed for it.
      current.value = null;
    }
  }

  function start(): void {
    if (!secure) return;
    watch(
      () => couple.deviceId,
      (id, before) => {
        mine.value = null;
        current.value = null;
        opened.clear();
        failed.value = false;
        if (id) void loadKeys(id);
        else if (before) void forgetKeys();
      },
      { immediate: true },
    );
    watch([mine, () => couple.me?.publicKey, () => conn.connected], () => void publish());
    watch([mine, () => couple.me?.publicKey, () => couple.partner?.publicKey, () => couple.snapshot?.coupleId], () => void derive());
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
  async function open(payload: string, { messageId, senderId }: { messageId: string; senderId: string }): Promise<string> {
    const ck = await whenReady();
    if (!ck) throw new NotReadyError();
    return openWith(ck.key, payload, { coupleId: ck.coupleId, senderId, messageId });
  }

  /**
   * Synchronous, reactive view of an opened payload for screens and computed values: 'pending' at
   * first (and while there is no key), then 'ok' or 'failed'. Tries each candidate sender in turn;
   * `senderId` in the result says whose it proved to be.
   */
  function peek(payload: string, { messageId, senderIds }: { messageId: string; senderIds: string[] }): Opened {
    const ck = current.value;
    if (!ck || !ready.value) return { state: 'pending' };
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
          const text = await openWith(ck.key, payload, ctx);
          inflight.delete(cacheKey);
          if (current.value === ck) opened.set(cacheKey, { state: 'ok', text, senderId });
          return;
        } catch {
          // Try the next candidate sender.
        }
      }
      inflight.delete(cacheKey);
      if (current.value === ck) opened.set(cacheKey, { state: 'failed' });
    })();
    return { state: 'pending' };
  }

  return { secure, status, ready, safetyCode, start, whenReady, seal, open, peek };
});
