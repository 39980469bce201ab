import type { ErrorCode, ErrorParams, Refusal } from '../contracts/errors.js';
import type { CouplePhase, PauseView, PauserView, TalkLater } from '../contracts/snapshot.js';
import { CALM_ENOUGH, isActivation } from '../break/ratings.js';
import {
  capOf,
  EXTEND_STEPS,
  MAX_TOTAL_MINUTES,
  MIN_BREAK_MINUTES,
  MINUTE_MS,
  SETTLE_MS,
  type Extension,
} from './limits.js';
import { openConversation, resumeConversation, type ConversationState } from '../conversation/conversation.js';

/** The couple's shared state as stored. `seq` grows by one on every change. */
export interface CoupleState {
  seq: number;
  phase: CouplePhase;
  pause: PauseView | null;
  /**
   * The reconnect conversation (shared/reconnect): opened when both say "I'm ready"; kept through a
   * new break taken mid-conversation, so they resume where they were; cleared by "Back to normal".
   */
  conversation: ConversationState | null;
  /** A talk put off to a set time ("back to normal without talking"); cleared when a new break starts. */
  talkLater?: TalkLater | null;
  /** Ids of recently applied commands, so a retried or re-queued tap is applied once. */
  recentCommands: string[];
}

export const RECENT_COMMANDS_KEPT = 64;

/** The last RECENT_COMMANDS_KEPT command ids with `commandId` added, in one new array (it runs on every command). */
export function rememberCommand(recent: readonly string[], commandId: string): string[] {
  const kept = recent.slice(Math.max(0, recent.length - RECENT_COMMANDS_KEPT + 1));
  kept.push(commandId);
  return kept;
}

export type PauseCommand =
  | { type: 'start'; commandId: string; minutes: number }
  | ({ type: 'extend'; commandId: string; seq: number } & Extension)
  /** `rating`: a fresh 0–10, needed (at or under CALM_ENOUGH) before SETTLE_MINUTES of one's own break. */
  | { type: 'end'; commandId: string; seq: number; rating?: number }
  | { type: 'ready'; commandId: string; seq: number }
  /** This phone has put the partner's pause message on screen. Guarded by the pause id, not seq: it is no one's intent. */
  | { type: 'shown'; commandId: string; pauseId: string };

export interface CommandContext {
  deviceId: string;
  /** Ids of the devices linked in this couple. */
  members: readonly string[];
  /** The caller's reassurance, shown to their partner when they pause. */
  reassurance: string;
  now: number;
}

export type Transition = { ok: true; state: CoupleState; changed: boolean } | ({ ok: false } & Refusal);

export function initialCoupleState(): CoupleState {
  return { seq: 0, phase: 'calm', pause: null, conversation: null, talkLater: null, recentCommands: [] };
}

/** Time is up when the shared deadline has passed: derived on every read, never from a timer. */
export function isTimeUp(pause: PauseView, now: number): boolean {
  return now >= pause.endsAt;
}

/** What a phone should show, from the stored phase and the clock. */
export type ViewPhase = 'calm' | 'paused' | 'checkin' | 'reconnect';

export function viewPhase(state: Pick<CoupleState, 'phase' | 'pause'>, now: number): ViewPhase {
  if (state.phase === 'paused' && state.pause) return isTimeUp(state.pause, now) ? 'checkin' : 'paused';
  return state.phase === 'reconnect' ? 'reconnect' : 'calm';
}

export function ownPause(pause: PauseView | null, deviceId: string): PauserView | undefined {
  return pause?.pausers.find((p) => p.deviceId === deviceId);
}

/** The caller is pausing right now (their own deadline has not passed). */
export function isPausing(pause: PauseView | null, deviceId: string, now: number): boolean {
  const own = ownPause(pause, deviceId);
  return own !== undefined && own.endsAt > now;
}

export function applyPauseCommand(state: CoupleState, cmd: PauseCommand, ctx: CommandContext): Transition {
  if (state.recentCommands.includes(cmd.commandId)) return { ok: true, state, changed: false };
  if (!ctx.members.includes(ctx.deviceId)) return refuse('not_linked');
  if ('seq' in cmd && cmd.seq !== state.seq) {
    return refuse('stale_seq');
  }
  const result = step(state, cmd, ctx);
  if (!result.ok) return result;
  if (result.next === null) return { ok: true, state, changed: false };
  const recentCommands = rememberCommand(state.recentCommands, cmd.commandId);
  const conversation = conversationAfter(state, result.next, ctx.now);
  // A new break replaces a talk that was put off: they will talk after this one.
  const talkLater = cmd.type === 'start' && state.phase === 'calm' ? null : (state.talkLater ?? null);
  return {
    ok: true,
    changed: true,
    state: { ...result.next, conversation, talkLater, seq: state.seq + 1, recentCommands },
  };
}

/**
 * Entering 'reconnect' opens a conversation, or resumes the one a new break interrupted; a pause
 * started from 'reconnect' keeps it; 'calm' has none.
 */
function conversationAfter(
  state: CoupleState,
  next: Pick<CoupleState, 'phase' | 'pause'>,
  now: number,
): ConversationState | null {
  const current = state.conversation ?? null;
  if (next.phase === 'calm') return null;
  if (next.phase === 'reconnect' && state.phase !== 'reconnect' && next.pause) {
    return current ? resumeConversation(current) : openConversation(next.pause, now);
  }
  return current;
}

/** `next: null` is a legal move that changes nothing (saying "I'm ready" twice). */
type Step = { ok: true; next: Pick<CoupleState, 'phase' | 'pause'> | null } | ({ ok: false } & Refusal);

function step(state: CoupleState, cmd: PauseCommand, ctx: CommandContext): Step {
  const { now, deviceId } = ctx;
  const pause = state.phase === 'paused' ? state.pause : null;
  switch (cmd.type) {
    case 'start': {
      // The wire schema checks lengths too; the rules hold here for every caller.
      if (!Number.isInteger(cmd.minutes) || cmd.minutes < MIN_BREAK_MINUTES) {
        return refuse('bad_request', { minMinutes: MIN_BREAK_MINUTES });
      }
      if (cmd.minutes > MAX_TOTAL_MINUTES) {
        return refuse('over_limit', { maxMinutes: MAX_TOTAL_MINUTES });
      }
      const blocked = guard('start', state, ctx);
      if (blocked) return blocked;
      if (!pause) {
        const endsAt = now + cmd.minutes * MINUTE_MS;
        const pauser = { deviceId, startedAt: now, endsAt, reassurance: ctx.reassurance };
        return moved('paused', {
          id: cmd.commandId,
          startedAt: now,
          endsAt,
          pausers: [pauser],
          ready: [],
          shownBy: [],
        });
      }
      return withOwnDeadline(pause, ctx, now + cmd.minutes * MINUTE_MS);
    }
    case 'extend': {
      const blocked = guard('extend', state, ctx);
      if (blocked || !pause) return blocked ?? refuse('no_pause');
      const from = extendFrom(pause, deviceId, now);
      let endsAt: number;
      if ('until' in cmd) {
        if (!Number.isSafeInteger(cmd.until) || cmd.until <= from) {
          return refuse('bad_request');
        }
        endsAt = cmd.until;
      } else {
        if (!(EXTEND_STEPS as readonly number[]).includes(cmd.minutes)) {
          return refuse('bad_request');
        }
        endsAt = from + cmd.minutes * MINUTE_MS;
      }
      if (endsAt > capOf(pause.startedAt)) return refuse('over_limit', { latest: capOf(pause.startedAt) });
      return withOwnDeadline(pause, ctx, endsAt, { at: now, addedMs: endsAt - from });
    }
    case 'end': {
      const blocked = guard('end', state, ctx);
      const own = ownPause(pause, deviceId);
      if (blocked || !pause || !own) return blocked ?? refuse('not_your_pause');
      if (cmd.rating !== undefined && !isActivation(cmd.rating)) return refuse('bad_request');
      if (endNeedsCalmRating(own, now) && (cmd.rating === undefined || cmd.rating > CALM_ENOUGH)) {
        return refuse('not_time_yet');
      }
      const ended = withOwnDeadline(pause, ctx, now, undefined, now);
      // "I'm calm now" also says "I'm ready" when it ends the break for both.
      if (!ended.ok || !ended.next?.pause || !isTimeUp(ended.next.pause, now)) return ended;
      return moved('paused', { ...ended.next.pause, ready: [deviceId] });
    }
    case 'ready': {
      const blocked = guard('ready', state, ctx);
      if (blocked || !pause) return blocked ?? refuse('no_pause');
      if (pause.ready.includes(deviceId)) return { ok: true, next: null };
      const ready = [...pause.ready, deviceId];
      const everyone = ctx.members.every((id) => ready.includes(id));
      return moved(everyone ? 'reconnect' : 'paused', { ...pause, ready });
    }
    case 'shown': {
      // A late acknowledgement of a pause that is over is no news to anyone.
      if (!pause || pause.id !== cmd.pauseId) return { ok: true, next: null };
      const shownBy = pause.shownBy ?? [];
      if (shownBy.includes(deviceId) || !pause.pausers.some((p) => p.deviceId !== deviceId))
        return { ok: true, next: null };
      return moved('paused', { ...pause, shownBy: [...shownBy, deviceId] });
    }
  }
}

export type PauseCommandType = PauseCommand['type'];
const PAUSE_COMMAND_TYPES: readonly PauseCommandType[] = ['start', 'extend', 'end', 'ready', 'shown'];

export type GuardContext = Pick<CommandContext, 'deviceId' | 'members' | 'now'>;

/**
 * What this phone may do now (at the current seq): each command the machine would accept with some
 * valid payload. The UI asks this instead of repeating the rules; it is the same `guard` `step` applies.
 */
export function allowedPauseCommands(
  state: Pick<CoupleState, 'phase' | 'pause'>,
  ctx: GuardContext,
): ReadonlySet<PauseCommandType> {
  if (!ctx.members.includes(ctx.deviceId)) return new Set();
  return new Set(PAUSE_COMMAND_TYPES.filter((type) => guard(type, state, ctx) === null));
}

/**
 * The state half of each command's rules: what must hold whatever the payload says. `step` checks the
 * payload's own rules (lengths, ratings, the chosen time) around it.
 */
function guard(
  type: PauseCommandType,
  state: Pick<CoupleState, 'phase' | 'pause'>,
  ctx: GuardContext,
): ({ ok: false } & Refusal) | null {
  const { deviceId, now } = ctx;
  const pause = state.phase === 'paused' ? state.pause : null;
  switch (type) {
    case 'start': {
      if (ctx.members.length < 2) return refuse('partner_missing');
      if (!pause) return null;
      if (isPausing(pause, deviceId, now)) return refuse('already_pausing');
      // Joining takes at least the shortest break, and that must still fit in the day.
      const cap = capOf(pause.startedAt);
      return now + MIN_BREAK_MINUTES * MINUTE_MS > cap ? refuse('over_limit', { latest: cap }) : null;
    }
    case 'extend': {
      if (!pause) return refuse('no_pause');
      // At the check-in either of them may ask for more; before it, only the one on a break.
      if (!isTimeUp(pause, now) && !isPausing(pause, deviceId, now)) return refuse('not_your_pause');
      const cap = capOf(pause.startedAt);
      return extendFrom(pause, deviceId, now) >= cap ? refuse('over_limit', { latest: cap }) : null;
    }
    case 'end':
      if (!pause) return refuse('no_pause');
      return isPausing(pause, deviceId, now) ? null : refuse('not_your_pause');
    case 'ready':
      if (!pause) return refuse('no_pause');
      return isTimeUp(pause, now) ? null : refuse('not_time_yet');
    case 'shown':
      return null;
  }
}

/**
 * Ending one's own break before SETTLE_MINUTES takes a fresh rating at or under CALM_ENOUGH (the body
 * usually needs that long to settle); after that, "I'm calm now" is enough.
 */
export function endNeedsCalmRating(own: PauserView, now: number): boolean {
  return now - own.startedAt < SETTLE_MS;
}

/** More time counts from one's own deadline while on a break; at the check-in, from now. */
function extendFrom(pause: PauseView, deviceId: string, now: number): number {
  const own = ownPause(pause, deviceId);
  return own && own.endsAt > now ? own.endsAt : now;
}

/** Set the caller's own deadline (joining the pause if needed); the shared deadline is the latest one. */
function withOwnDeadline(
  pause: PauseView,
  ctx: CommandContext,
  endsAt: number,
  extended?: PauserView['extended'],
  endedEarlyAt?: number,
): Step {
  if (endsAt > capOf(pause.startedAt)) return refuse('over_limit', { latest: capOf(pause.startedAt) });
  const existing = ownPause(pause, ctx.deviceId);
  const own: PauserView = existing
    ? { ...existing, endsAt }
    : { deviceId: ctx.deviceId, startedAt: ctx.now, endsAt, reassurance: ctx.reassurance };
  // Each change tells its own story on the partner's phone: no stale "added" or "ended early".
  delete own.extended;
  delete own.endedEarlyAt;
  if (extended) own.extended = extended;
  if (endedEarlyAt !== undefined) own.endedEarlyAt = endedEarlyAt;
  const pausers = [...pause.pausers.filter((p) => p.deviceId !== ctx.deviceId), own];
  const shared = Math.max(...pausers.map((p) => p.endsAt));
  return moved('paused', { ...pause, pausers, endsAt: shared, ready: [] });
}

function moved(phase: CouplePhase, pause: PauseView | null): Step {
  return { ok: true, next: { phase, pause } };
}

function refuse(code: ErrorCode, params?: ErrorParams): { ok: false } & Refusal {
  return params ? { ok: false, code, params } : { ok: false, code };
}
