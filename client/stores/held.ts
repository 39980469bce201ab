import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { DeliveredHeldMessage, MyHeldMessage } from '../../shared/contracts/events';
import { useE2eStore } from '../crypto/couple';
import { openText, peekText, sealText } from '../crypto';
import { decodeHeld, encodeHeld } from '../held/payload';
import { newCommandId } from '../lib/command-id';
import { e2eCopy } from '../content/e2e';
import { KEYS, load, save } from '../lib/storage';
import { errorText } from '../content/errors';
import { useConnectionStore } from './connection';
import { useCoupleStore } from './couple';

/** A change this phone made that the server has not acknowledged yet (offline, or still on its way). */
interface OutboxItem {
  op: 'save' | 'discard' | 'send';
  messageId: string;
  pauseId: string;
  /** The text for a save, or a send changed in the review; kept on this phone until the server has it. */
  text?: string;
  createdAt: number;
}

/** A save the server refused (the break ended first, too many messages): the words stay on screen. */
interface StuckItem {
  messageId: string;
  pauseId: string;
  text: string;
  reason: string;
}

/** One of my held messages as the screen shows it. */
export interface MyHeldView {
  id: string;
  text: string;
  createdAt: number;
  /** Waiting on this phone for the network. */
  pending: boolean;
  /** The server refused it; `reason` says why. */
  stuck?: string;
}

/** One of my notes after its break: mine to send, change or delete. */
export interface MyReviewView {
  id: string;
  text: string;
  createdAt: number;
  /** Sent from this phone, waiting for the network. */
  sending: boolean;
  /** The server refused the send; `reason` says why. */
  stuck?: string;
}

/** A message from my partner, kept only on this phone. */
export interface ReceivedHeld {
  id: string;
  authorId: string;
  /** Null when this phone cannot read the payload. */
  text: string | null;
  createdAt: number;
  receivedAt: number;
  /** Put away after the reconnect screen showed it. */
  archived: boolean;
}

/**
 * Held messages: written to the partner during a break. After the break their author sees them again
 * and sends, changes or deletes each one; only sent ones reach the partner. Writes go through a local
 * outbox so nothing typed is lost offline; received messages are stored on this phone before the
 * server is told they arrived, and shown once per id.
 */
export const useHeldStore = defineStore('held', () => {
  const conn = useConnectionStore();
  const couple = useCoupleStore();
  const e2e = useE2eStore();

  const mine = ref<MyHeldMessage[]>(load<MyHeldMessage[]>(KEYS.heldMine) ?? []);
  const outbox = ref<OutboxItem[]>(load<OutboxItem[]>(KEYS.heldOutbox) ?? []);
  const stuck = ref<StuckItem[]>([]);
  const received = ref<ReceivedHeld[]>(load<ReceivedHeld[]>(KEYS.heldReceived) ?? []);
  /** Sent from this screen since it opened, for a calm "Sent." beside the review. */
  const sentNow = ref<string[]>([]);
  let flushing: Promise<void> | null = null;

  watch(mine, (m) => save(KEYS.heldMine, m.length ? m : null), { deep: true });
  watch(outbox, (o) => save(KEYS.heldOutbox, o.length ? o : null), { deep: true });

  // Unpaired: personal text leaves this phone with the couple.
  watch(
    () => conn.credential,
    (credential) => {
      if (credential) return;
      mine.value = [];
      outbox.value = [];
      stuck.value = [];
      sentNow.value = [];
      received.value = [];
      save(KEYS.heldReceived, null);
      save(KEYS.heldDraft, null);
    },
    { flush: 'sync' },
  );

  /** My own sealed message, opened on this phone (empty while the couple key loads). */
  function myText(m: MyHeldMessage): string {
    const opened = peekText(m.payload, { messageId: m.id, senderIds: couple.deviceId ? [couple.deviceId] : [] });
    if (opened.state === 'ok') return decodeHeld(opened.text) ?? '';
    return opened.state === 'failed' ? e2eCopy.unopenable : '';
  }

  /** The pause running now, if any: its notes belong to the break's writer, not to the review. */
  const runningPauseId = computed(() => (couple.snapshot?.phase === 'paused' ? (couple.snapshot.pause?.id ?? null) : null));

  /**
   * My notes whose break is over and that I have not sent, oldest first: the review at reconnect.
   * Shown only outside a break (no contact during one).
   */
  const review = computed<MyReviewView[]>(() => {
    if (couple.snapshot?.phase === 'paused') return [];
    const byId = new Map<string, MyReviewView>();
    for (const m of mine.value) {
      if (m.sentAt === null) byId.set(m.id, { id: m.id, text: myText(m), createdAt: m.createdAt, sending: false });
    }
    for (const item of outbox.value) {
      const known = byId.get(item.messageId);
      if (item.op === 'discard') byId.delete(item.messageId);
      else if (item.op === 'send' && known) byId.set(item.messageId, { ...known, text: item.text ?? known.text, sending: true });
      else if (item.op === 'save' && item.pauseId !== runningPauseId.value) {
        byId.set(item.messageId, { id: item.messageId, text: item.text ?? '', createdAt: known?.createdAt ?? item.createdAt, sending: false });
      }
    }
    for (const s of stuck.value) {
      const known = byId.get(s.messageId);
      if (known) byId.set(s.messageId, { ...known, sending: false, stuck: s.reason });
    }
    return [...byId.values()].sort((x, y) => x.createdAt - y.createdAt);
  });

  /** My messages for one pause, with the changes still waiting in the outbox applied on top. */
  function messagesFor(pauseId: string): MyHeldView[] {
    const byId = new Map<string, MyHeldView>();
    for (const m of mine.value) {
      if (m.pauseId !== pauseId || m.sentAt !== null) continue;
      byId.set(m.id, { id: m.id, text: myText(m), createdAt: m.createdAt, pending: false });
    }
    for (const item of outbox.value) {
      if (item.pauseId !== pauseId || item.op === 'send') continue;
      if (item.op === 'discard') byId.delete(item.messageId);
      else {
        const createdAt = byId.get(item.messageId)?.createdAt ?? item.createdAt;
        byId.set(item.messageId, { id: item.messageId, text: item.text ?? '', createdAt, pending: true });
      }
    }
    for (const s of stuck.value) {
      if (s.pauseId === pauseId) byId.set(s.messageId, { id: s.messageId, text: s.text, createdAt: 0, pending: false, stuck: s.reason });
    }
    return [...byId.values()].sort((x, y) => x.createdAt - y.createdAt);
  }

  function enqueue(item: OutboxItem): void {
    // One waiting change per message: the latest edit or the discard replaces what was there.
    outbox.value = [...outbox.value.filter((o) => o.messageId !== item.messageId), item];
    stuck.value = stuck.value.filter((s) => s.messageId !== item.messageId);
    void flush();
  }

  /** Creates (no id) or edits a message. Returns its id. */
  function write(pauseId: string, text: string, messageId?: string): string {
    const id = messageId ?? newCommandId();
    enqueue({ op: 'save', messageId: id, pauseId, text, createdAt: Date.now() });
    return id;
  }

  /** Sends one of my notes after the break; a change still waiting for the network goes with it. */
  function send(messageId: string): void {
    const waiting = outbox.value.find((o) => o.messageId === messageId && o.op === 'save');
    const pauseId = mine.value.find((x) => x.id === messageId)?.pauseId ?? waiting?.pauseId ?? '';
    enqueue({ op: 'send', messageId, pauseId, text: waiting?.text, createdAt: Date.now() });
  }

  function discard(pauseId: string, messageId: string): void {
    if (stuck.value.some((s) => s.messageId === messageId) && !mine.value.some((m) => m.id === messageId)) {
      stuck.value = stuck.value.filter((s) => s.messageId !== messageId);
      return;
    }
    enqueue({ op: 'discard', messageId, pauseId, createdAt: Date.now() });
  }

  /** Sends waiting changes in order; stops at the first one the network did not carry. */
  function flush(): Promise<void> {
    flushing ??= (async () => {
      while (conn.connected && outbox.value.length > 0) {
        const item = outbox.value[0]!;
        // End-to-end encrypted on this phone; without the couple key (yet) it waits in the outbox.
        let payload: string | undefined;
        if (item.text !== undefined && item.op !== 'discard') {
          try {
            payload = await sealText(encodeHeld(item.text), { messageId: item.messageId });
          } catch {
            return;
          }
        }
        const res =
          item.op === 'save'
            ? await conn.call('held:save', { messageId: item.messageId, payload: payload ?? '' })
            : item.op === 'send'
              ? await conn.call('held:send', payload ? { messageId: item.messageId, payload } : { messageId: item.messageId })
              : await conn.call('held:discard', { messageId: item.messageId });
        if ('error' in res && (res.error.code === 'offline' || res.error.code === 'timeout')) return;
        // A newer change to the same message may have been queued while this one was in flight.
        const current = outbox.value[0];
        const superseded = current !== item;
        outbox.value = outbox.value.filter((o) => o !== item);
        if ('error' in res) {
          if (item.op !== 'discard' && !superseded) {
            stuck.value = [
              ...stuck.value,
              { messageId: item.messageId, pauseId: item.pauseId, text: item.text ?? '', reason: errorText(res.error) },
            ];
          }
          continue;
        }
        if ('message' in res.data) {
          const saved = res.data.message;
          mine.value = [...mine.value.filter((m) => m.id !== saved.id), saved];
          if (item.op === 'send') sentNow.value = [...sentNow.value, saved.id];
        } else {
          const gone = res.data.messageId;
          mine.value = mine.value.filter((m) => m.id !== gone);
        }
      }
    })().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  /** After every connect: send what waited, then take the server's list as the truth. */
  async function sync(): Promise<void> {
    await flush();
    if (outbox.value.length > 0) return;
    const res = await conn.call('held:mine', {});
    if ('data' in res) mine.value = res.data.messages;
  }

  /** Opens a delivered message with the couple key; null when it fails the check (changed on the way). */
  async function openDelivered(m: DeliveredHeldMessage): Promise<string | null> {
    try {
      return decodeHeld(await openText(m.payload, { messageId: m.id, senderId: m.authorId }));
    } catch {
      return null;
    }
  }

  /**
   * Stored first, confirmed second: a crash in between means a second delivery, which the id check absorbs.
   * Without the couple key (yet) nothing is stored or confirmed, so the server delivers again later.
   */
  async function accept(messages: DeliveredHeldMessage[]): Promise<void> {
    if (!(await e2e.whenReady())) return;
    const opened = await Promise.all(messages.map(async (m) => ({ m, text: await openDelivered(m) })));
    const known = new Set(received.value.map((m) => m.id));
    const fresh: ReceivedHeld[] = opened
      .filter(({ m }) => !known.has(m.id))
      .map(({ m, text }) => ({
        id: m.id,
        authorId: m.authorId,
        text,
        createdAt: m.createdAt,
        receivedAt: Date.now(),
        archived: false,
      }));
    if (fresh.length) received.value = [...received.value, ...fresh];
    // If storage refuses the write, the message still shows now, from memory; confirming is still right.
    save(KEYS.heldReceived, received.value);
    const ids = messages.map((m) => m.id);
    if (ids.length) void conn.call('held:received', { messageIds: ids });
  }

  const unread = computed(() => received.value.filter((m) => !m.archived).sort((x, y) => x.createdAt - y.createdAt));

  function archiveAll(): void {
    if (!unread.value.length) return;
    received.value = received.value.map((m) => (m.archived ? m : { ...m, archived: true }));
    save(KEYS.heldReceived, received.value);
  }

  function authorName(authorId: string): string | null {
    return couple.snapshot?.devices.find((d) => d.id === authorId)?.name ?? null;
  }

  function listen(): void {
    conn.on('held:deliver', ({ messages }) => void accept(messages));
    // Writes waiting for the couple key go out as soon as it is there.
    watch(
      () => e2e.ready,
      (ready) => {
        if (ready) void flush();
      },
    );
    conn.onConnect(() => void sync());
  }

  return {
    mine,
    outbox,
    received,
    unread,
    review,
    sentNow,
    messagesFor,
    write,
    send,
    discard,
    flush,
    sync,
    accept,
    archiveAll,
    authorName,
    listen,
  };
});
