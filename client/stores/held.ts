import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { DeliveredHeldMessage, MyHeldMessage } from '../../shared/contracts/events';
import { useE2eStore } from '../crypto/couple';
import { openText, peekText, sealText } from '../crypto';
import { decodeHeld, encodeHeld } from '../held/payload';
import { newCommandId } from '../lib/command-id';
import { e2eCopy } from '../content/e2e';
import { KEYS, persisted, read, save } from '../lib/storage';
import { heldMineSchema, heldOutboxSchema, heldReceivedSchema } from '../lib/stored';
import {
  createFlusher,
  enqueue,
  onlyStuck,
  pauseView,
  reviewView,
  sendItem,
  unstick,
  type MyHeldView,
  type MyReviewView,
  type OutboxItem,
  type OutboxState,
  type StuckItem,
} from '../held/outbox';
import { errorText } from '../content/errors';
import { useConnectionStore } from './connection';
import { useCoupleStore } from './couple';

export type { MyHeldView, MyReviewView };

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

  const empty = (list: unknown[]) => list.length === 0;
  const mine = persisted<MyHeldMessage[]>(KEYS.heldMine, heldMineSchema, { fallback: [], absent: empty });
  const outbox = persisted<OutboxItem[]>(KEYS.heldOutbox, heldOutboxSchema, { fallback: [], absent: empty });
  const stuck = ref<StuckItem[]>([]);
  const received = ref<ReceivedHeld[]>(read(KEYS.heldReceived, heldReceivedSchema) ?? []);
  /** Sent from this screen since it opened, for a calm "Sent." beside the review. */
  const sentNow = ref<string[]>([]);

  const state = (): OutboxState => ({
    mine: mine.value,
    outbox: outbox.value,
    stuck: stuck.value,
    sentNow: sentNow.value,
  });
  function setState(next: OutboxState): void {
    mine.value = next.mine;
    outbox.value = next.outbox;
    stuck.value = next.stuck;
    sentNow.value = next.sentNow;
  }

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
  const runningPauseId = computed(() =>
    couple.snapshot?.phase === 'paused' ? (couple.snapshot.pause?.id ?? null) : null,
  );

  const review = computed<MyReviewView[]>(() =>
    // No contact during a break: the review shows only outside one.
    couple.snapshot?.phase === 'paused' ? [] : reviewView(state(), myText, runningPauseId.value),
  );

  function messagesFor(pauseId: string): MyHeldView[] {
    return pauseView(state(), myText, pauseId);
  }

  function queue(item: OutboxItem): void {
    setState(enqueue(state(), item));
    void flush();
  }

  /** Creates (no id) or edits a message. Returns its id. */
  function write(pauseId: string, text: string, messageId?: string): string {
    const id = messageId ?? newCommandId();
    queue({ op: 'save', messageId: id, pauseId, text, createdAt: Date.now() });
    return id;
  }

  function send(messageId: string): void {
    queue(sendItem(state(), messageId, Date.now()));
  }

  function discard(pauseId: string, messageId: string): void {
    if (onlyStuck(state(), messageId)) setState(unstick(state(), messageId));
    else queue({ op: 'discard', messageId, pauseId, createdAt: Date.now() });
  }

  /** Sends waiting changes in order, end-to-end encrypted on this phone; stops at the first the network did not carry. */
  const flush = createFlusher({
    connected: () => conn.connected,
    read: state,
    write: setState,
    seal: (item) => sealText(encodeHeld(item.text ?? ''), { messageId: item.messageId }),
    deliver: async (item, payload) => {
      const messageId = item.messageId;
      const res =
        item.op === 'save'
          ? await conn.call('held:save', { messageId, payload: payload ?? '' })
          : item.op === 'send'
            ? await conn.call('held:send', payload ? { messageId, payload } : { messageId })
            : await conn.call('held:discard', { messageId });
      // A refusal reaches the outbox already in the words this phone shows for it.
      return 'error' in res ? { error: { code: res.error.code, message: errorText(res.error) } } : res;
    },
  });

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
