import type { MyHeldMessage } from '../../shared/contracts/events';
import type { OutboxItem } from '../lib/stored';

/**
 * The held-message outbox, without Vue or a socket: every change this phone makes waits here until
 * the server acknowledges it, so nothing typed is lost offline. These functions merge the waiting
 * changes into what the screens show and settle each server answer; `createFlusher` sends them.
 */

export type { OutboxItem };

/** A change the server refused (the break ended first, too many messages): the words stay on screen. */
export interface StuckItem {
  messageId: string;
  pauseId: string;
  text: string;
  reason: string;
}

/** One of my held messages as the break's writer shows it. */
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

export interface OutboxState {
  /** The server's list of my messages, as last acknowledged. */
  mine: MyHeldMessage[];
  /** Oldest first; at most one waiting change per message. */
  outbox: OutboxItem[];
  stuck: StuckItem[];
  /** Sent since the screen opened. */
  sentNow: string[];
}

/** The server's answer to one outbox item. */
export type HeldAck =
  { data: { message: MyHeldMessage } | { messageId: string } } | { error: { code: string; message: string } };

/** Opens one of my stored messages for display. */
export type TextOf = (m: MyHeldMessage) => string;

/** One waiting change per message: the latest edit, send or discard replaces what was there. */
export function enqueue(state: OutboxState, item: OutboxItem): OutboxState {
  return {
    ...state,
    outbox: [...state.outbox.filter((o) => o.messageId !== item.messageId), item],
    stuck: state.stuck.filter((s) => s.messageId !== item.messageId),
  };
}

/** A send of one of my notes; an edit still waiting for the network goes with it. */
export function sendItem(state: OutboxState, messageId: string, now: number): OutboxItem {
  const waiting = state.outbox.find((o) => o.messageId === messageId && o.op === 'save');
  const pauseId = state.mine.find((x) => x.id === messageId)?.pauseId ?? waiting?.pauseId ?? '';
  return { op: 'send', messageId, pauseId, text: waiting?.text, createdAt: now };
}

/** A refused note the server never stored: dropping it from the screen is all a discard needs. */
export function onlyStuck(state: OutboxState, messageId: string): boolean {
  return state.stuck.some((s) => s.messageId === messageId) && !state.mine.some((m) => m.id === messageId);
}

export function unstick(state: OutboxState, messageId: string): OutboxState {
  return { ...state, stuck: state.stuck.filter((s) => s.messageId !== messageId) };
}

/** The network did not carry it: the item waits for the next connection, unchanged. */
export function isRetryable(res: HeldAck): boolean {
  return 'error' in res && (res.error.code === 'offline' || res.error.code === 'timeout');
}

/** Applies the server's (non-retryable) answer to `item`: it leaves the outbox, exactly once. */
export function settle(state: OutboxState, item: OutboxItem, res: HeldAck): OutboxState {
  // A newer change to the same message may have been queued while this one was in flight.
  const superseded = state.outbox[0] !== item;
  const next = { ...state, outbox: state.outbox.filter((o) => o !== item) };
  if ('error' in res) {
    if (item.op === 'discard' || superseded) return next;
    const stuck = {
      messageId: item.messageId,
      pauseId: item.pauseId,
      text: item.text ?? '',
      reason: res.error.message,
    };
    return { ...next, stuck: [...next.stuck, stuck] };
  }
  if ('message' in res.data) {
    const saved = res.data.message;
    return {
      ...next,
      mine: [...next.mine.filter((m) => m.id !== saved.id), saved],
      sentNow: item.op === 'send' ? [...next.sentNow, saved.id] : next.sentNow,
    };
  }
  const gone = res.data.messageId;
  return { ...next, mine: next.mine.filter((m) => m.id !== gone) };
}

/**
 * My notes whose break is over and that I have not sent, oldest first: the review at reconnect.
 * Saves still waiting from the running pause belong to the break's writer, not here.
 */
export function reviewView(state: OutboxState, textOf: TextOf, runningPauseId: string | null): MyReviewView[] {
  const byId = new Map<string, MyReviewView>();
  for (const m of state.mine) {
    if (m.sentAt === null) byId.set(m.id, { id: m.id, text: textOf(m), createdAt: m.createdAt, sending: false });
  }
  for (const item of state.outbox) {
    const known = byId.get(item.messageId);
    if (item.op === 'discard') byId.delete(item.messageId);
    else if (item.op === 'send' && known)
      byId.set(item.messageId, { ...known, text: item.text ?? known.text, sending: true });
    else if (item.op === 'save' && item.pauseId !== runningPauseId) {
      const createdAt = known?.createdAt ?? item.createdAt;
      byId.set(item.messageId, { id: item.messageId, text: item.text ?? '', createdAt, sending: false });
    }
  }
  for (const s of state.stuck) {
    const known = byId.get(s.messageId);
    if (known) byId.set(s.messageId, { ...known, sending: false, stuck: s.reason });
  }
  return [...byId.values()].sort((x, y) => x.createdAt - y.createdAt);
}

/** My unsent messages for one pause, with the changes still waiting in the outbox applied on top. */
export function pauseView(state: OutboxState, textOf: TextOf, pauseId: string): MyHeldView[] {
  const byId = new Map<string, MyHeldView>();
  for (const m of state.mine) {
    if (m.pauseId !== pauseId || m.sentAt !== null) continue;
    byId.set(m.id, { id: m.id, text: textOf(m), createdAt: m.createdAt, pending: false });
  }
  for (const item of state.outbox) {
    if (item.pauseId !== pauseId || item.op === 'send') continue;
    if (item.op === 'discard') byId.delete(item.messageId);
    else {
      const createdAt = byId.get(item.messageId)?.createdAt ?? item.createdAt;
      byId.set(item.messageId, { id: item.messageId, text: item.text ?? '', createdAt, pending: true });
    }
  }
  for (const s of state.stuck) {
    if (s.pauseId === pauseId)
      byId.set(s.messageId, { id: s.messageId, text: s.text, createdAt: 0, pending: false, stuck: s.reason });
  }
  return [...byId.values()].sort((x, y) => x.createdAt - y.createdAt);
}

export interface FlushPorts {
  connected(): boolean;
  read(): OutboxState;
  write(next: OutboxState): void;
  /** The text sealed for the server; throws while this phone has no couple key (the item then waits). */
  seal(item: OutboxItem): Promise<string>;
  deliver(item: OutboxItem, payload: string | undefined): Promise<HeldAck>;
}

/**
 * Sends waiting changes in order and stops at the first one the network did not carry. Calls while
 * a flush runs join it, so no item is ever sent twice at once.
 */
export function createFlusher(ports: FlushPorts): () => Promise<void> {
  let running: Promise<void> | null = null;

  async function drain(): Promise<void> {
    while (ports.connected() && ports.read().outbox.length > 0) {
      const item = ports.read().outbox[0]!;
      let payload: string | undefined;
      if (item.text !== undefined && item.op !== 'discard') {
        try {
          payload = await ports.seal(item);
        } catch {
          return;
        }
      }
      const res = await ports.deliver(item, payload);
      if (isRetryable(res)) return;
      ports.write(settle(ports.read(), item, res));
    }
  }

  return () => {
    running ??= drain().finally(() => {
      running = null;
    });
    return running;
  };
}
