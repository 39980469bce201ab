import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ClientAckData } from '../../shared/contracts/events';
import { MINUTE_MS, type Extension } from '../../shared/pause/limits';
import {
  allowedPauseCommands,
  endNeedsCalmRating,
  isPausing,
  ownPause,
  viewPhase,
  type ViewPhase,
} from '../../shared/pause/machine';
import { newCommandId } from '../lib/command-id';
import type { CallResult } from '../lib/socket';
import { KEYS, persisted } from '../lib/storage';
import { queuedPauseSchema, type QueuedStart } from '../lib/stored';
import { useConnectionStore } from './connection';
import { errorText } from '../content/errors';
import { useCoupleStore } from './couple';

type SeqCommand = 'pause:extend' | 'pause:end' | 'pause:ready' | 'pause:close';
type SnapshotResult = CallResult<ClientAckData['pause:start']>;
/** What a seq command carries besides its id and seq. */
type Extra = Extension | { rating: number } | Record<string, never>;

/** Pause commands, the view phase derived from the server deadline, and the offline queue. */
export const usePauseStore = defineStore('pause', () => {
  const conn = useConnectionStore();
  const couple = useCoupleStore();
  /** Tapped offline; `queuedAt` is this phone's time of the tap. */
  const queued = persisted<QueuedStart | null>(KEYS.queuedPause, queuedPauseSchema, { fallback: null });
  const busy = ref(false);
  /** A gentle one-line note after a refusal; cleared by the next command. */
  const note = ref<string | null>(null);

  const pause = computed(() => couple.snapshot?.pause ?? null);
  // Re-evaluated on every clock tick, so the check-in appears the moment the shared time is up.
  const phase = computed<ViewPhase>(() => (couple.snapshot ? viewPhase(couple.snapshot, conn.serverNow) : 'calm'));
  const mine = computed(() => (couple.deviceId ? ownPause(pause.value, couple.deviceId) : undefined));
  const iAmPausing = computed(() => !!couple.deviceId && isPausing(pause.value, couple.deviceId, conn.serverNow));
  const partnerPause = computed(() => {
    const id = couple.partner?.id;
    return id && isPausing(pause.value, id, conn.serverNow) ? ownPause(pause.value, id) : undefined;
  });
  /** What this phone may do now, as the machine decides it (re-evaluated on every clock tick). */
  const allowed = computed(() =>
    couple.snapshot && couple.deviceId
      ? allowedPauseCommands(couple.snapshot, {
          deviceId: couple.deviceId,
          members: couple.snapshot.devices.map((d) => d.id),
          now: conn.serverNow,
        })
      : new Set<never>(),
  );
  /** Ending my break now takes a calm rating first (a gentle check), not one tap. */
  const endNeedsRating = computed(() => !!mine.value && endNeedsCalmRating(mine.value, conn.serverNow));
  const iAmReady = computed(() => !!couple.deviceId && !!pause.value?.ready.includes(couple.deviceId));
  /** The partner's own record in this pause (also once their time is up): what they changed, and why it ended. */
  const partnerRecord = computed(() => (couple.partner ? ownPause(pause.value, couple.partner.id) : undefined));
  /** The partner's phone has put my pause message on screen. */
  const shownOnPartner = computed(() => !!couple.partner && !!pause.value?.shownBy?.includes(couple.partner.id));
  const acknowledged = new Set<string>();

  function settle(res: SnapshotResult): void {
    if ('data' in res) {
      couple.applySnapshot(res.data);
      return;
    }
    note.value = errorText(res.error);
    if (res.error.code === 'stale_seq') void couple.refresh();
  }

  async function start(minutes: number): Promise<void> {
    note.value = null;
    const cmd: QueuedStart = { commandId: newCommandId(), minutes, queuedAt: Date.now() };
    if (!conn.connected) {
      queued.value = cmd;
      return;
    }
    busy.value = true;
    const res = await conn.call('pause:start', { commandId: cmd.commandId, minutes });
    busy.value = false;
    // The server de-duplicates by commandId, so a lost answer can safely be sent again later.
    if ('error' in res && (res.error.code === 'offline' || res.error.code === 'timeout')) queued.value = cmd;
    else settle(res);
  }

  let flushing = Promise.resolve();

  /**
   * One send at a time, in order: a reconnect or the phone waking up while a send is on its way runs
   * after it, and finds nothing left to send if that one arrived.
   */
  function flushQueue(): Promise<void> {
    flushing = flushing.then(sendQueued, sendQueued);
    return flushing;
  }

  async function sendQueued(): Promise<void> {
    const cmd = queued.value;
    if (!cmd || !conn.connected) return;
    // A break that would already be over when it arrives would only startle the partner.
    if (Date.now() - cmd.queuedAt > cmd.minutes * MINUTE_MS) {
      queued.value = null;
      return;
    }
    const res = await conn.call('pause:start', { commandId: cmd.commandId, minutes: cmd.minutes });
    if ('error' in res && (res.error.code === 'offline' || res.error.code === 'timeout')) return;
    queued.value = null;
    if ('data' in res || res.error.code !== 'already_pausing') settle(res);
  }

  /**
   * `seq` is the state the person is looking at; if it moved on, the server says so and we show the latest.
   * Resolves true once the server applied it.
   */
  async function command(event: SeqCommand, extra: Extra = {}): Promise<boolean> {
    const seq = couple.snapshot?.seq;
    if (seq === undefined) return false;
    note.value = null;
    busy.value = true;
    const commandId = newCommandId();
    const res = await conn.call(event, { ...extra, commandId, seq });
    busy.value = false;
    settle(res);
    return 'data' in res;
  }

  /** Tells the server, once per pause, that this phone has put the partner's message on screen. */
  async function shown(pauseId: string): Promise<void> {
    if (acknowledged.has(pauseId) || !conn.connected) return;
    acknowledged.add(pauseId);
    const res = await conn.call('pause:shown', { commandId: newCommandId(), pauseId });
    if ('data' in res) couple.applySnapshot(res.data);
    else acknowledged.delete(pauseId);
  }

  function listen(): void {
    conn.onConnect(() => void flushQueue());
  }

  return {
    queued,
    busy,
    note,
    pause,
    phase,
    mine,
    iAmPausing,
    partnerPause,
    iAmReady,
    allowed,
    endNeedsRating,
    partnerRecord,
    shownOnPartner,
    start,
    flushQueue,
    extend: (by: Extension) => command('pause:extend', by),
    /** "I'm calm now"; before 20 minutes of one's own break the server needs a fresh `rating` of 4 or less. */
    end: (rating?: number) => command('pause:end', rating === undefined ? {} : { rating }),
    ready: () => command('pause:ready'),
    close: () => command('pause:close'),
    shown,
    listen,
  };
});
