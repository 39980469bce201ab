import type { ErrorCode } from '../contracts/errors.js';
import type { CouplePhase, PauseView, PauserView } from '../contracts/snapshot.js';
import { EXTEND_STEPS, MAX_TOTAL_MINUTES, MAX_TOTAL_MS, MIN_BREAK_MINUTES, MINUTE_MS } from './limits.js';
import { openConversation, resumeConversation, type ConversationState } from '../reconnect/conversation.js';

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
  /** Ids of recently applied commands, so a retried or re-queued tap is applied once. */
  recentCommands: string[];
}

export const RECENT_COMMANDS_KEPT = 64;

export type PauseCommand =
  | { type: 'start'; commandId: string; minutes: number }
  | { type: 'extend'; commandId: string; seq: number; minutes: number }
  | { type: 'end'; commandId: string; seq: number }
  | { type: 'ready'; commandId: string; seq: number }
  | { type: 'close'; commandId: string; seq: number };

export interface CommandContext {
  deviceId: string;
  /** Ids of the devices linked in this couple. */
  members: readonly string[];
  /** The caller's reassurance, shown to their partner when they pause. */
  reassurance: string;
  now: number;
}

export type Transition =
  | { ok: true; state: CoupleState; changed: boolean }
  | { ok: false; code: ErrorCode; message: string };

export function initialCoupleState(): CoupleState {
  return { seq: 0, phase: 'calm', pause: null, conversation: null, recentCommands: [] };
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
  if (!ctx.members.includes(ctx.deviceId)) return refuse('not_linked', 'This phone is not linked.');
  if ('seq' in cmd && cmd.seq !== state.seq) {
    return refuse('stale_seq', 'Something changed a moment ago. Have another look and try again.');
  }
  const result = step(state, cmd, ctx);
  if (!result.ok) return result;
  if (result.next === null) return { ok: true, state, changed: false };
  const recentCommands = [...state.recentCommands, cmd.commandId].slice(-RECENT_COMMANDS_KEPT);
  const conversation = conversationAfter(state, result.next, ctx.now);
  return { ok: true, changed: true, state: { ...result.next, conversation, seq: state.seq + 1, recentCommands } };
}

/**
 * Entering 'reconnect' opens a conversation, or resumes the one a new break interrupted; a pause
 * started from 'reconnect' keeps it; 'calm' has none.
 */
function conversationAfter(state: CoupleState, next: Pick<CoupleState, 'phase' | 'pause'>, now: number): ConversationState | null {
  const current = state.conversation ?? null;
  if (next.phase === 'calm') return null;
  if (next.phase === 'reconnect' && state.phase !== 'reconnect' && next.pause) {
    return current ? resumeConversation(current) : openConversation(next.pause, now);
  }
  return current;
}

/** `next: null` is a legal move that changes nothing (saying "I'm ready" twice). */
type Step = { ok: true; next: Pick<CoupleState, 'phase' | 'pause'> | null } | { ok: false; code: ErrorCode; message: string };

function step(state: CoupleState, cmd: PauseCommand, ctx: CommandContext): Step {
  const { now, deviceId } = ctx;
  const pause = state.phase === 'paused' ? state.pause : null;
  switch (cmd.type) {
    case 'start': {
      // The wire schema checks lengths too; the rules hold here for every caller.
      if (!Number.isInteger(cmd.minutes) || cmd.minutes < MIN_BREAK_MINUTES) {
        return refuse('bad_request', `A break lasts at least ${MIN_BREAK_MINUTES} minutes.`);
      }
      if (cmd.minutes > MAX_TOTAL_MINUTES) {
        return refuse('over_limit', 'A break can last up to 24 hours in all. Choose a shorter time.');
      }
      if (ctx.members.length < 2) return refuse('partner_missing', 'Link with your partner first.');
      if (!pause) {
        const endsAt = now + cmd.minutes * MINUTE_MS;
        const pauser = { deviceId, startedAt: now, endsAt, reassurance: ctx.reassurance };
        return moved('paused', { id: cmd.commandId, startedAt: now, endsAt, pausers: [pauser], ready: [] });
      }
      if (isPausing(pause, deviceId, now)) return refuse('already_pausing', 'You are already taking a break.');
      return withOwnDeadline(pause, ctx, now + cmd.minutes * MINUTE_MS);
    }
    case 'extend': {
      if (!(EXTEND_STEPS as readonly number[]).includes(cmd.minutes)) {
        return refuse('bad_request', 'Add 20 minutes, 1 hour or 2 hours.');
      }
      if (!pause) return refuse('no_pause', 'There is no break to extend.');
      if (isTimeUp(pause, now)) return withOwnDeadline(pause, ctx, now + cmd.minutes * MINUTE_MS);
      const own = ownPause(pause, deviceId);
      if (!own || own.endsAt <= now) return refuse('not_your_pause', 'Only the person taking the break can extend it.');
      return withOwnDeadline(pause, ctx, own.endsAt + cmd.minutes * MINUTE_MS);
    }
    case 'end': {
      if (!pause) return refuse('no_pause', 'There is no break to end.');
      if (!isPausing(pause, deviceId, now)) {
        return refuse('not_your_pause', 'Only the person taking the break can end it early.');
      }
      return withOwnDeadline(pause, ctx, now);
    }
    case 'ready': {
      if (!pause) return refuse('no_pause', 'There is no break to come back from.');
      if (!isTimeUp(pause, now)) return refuse('not_time_yet', 'The break is still running.');
      if (pause.ready.includes(deviceId)) return { ok: true, next: null };
      const ready = [...pause.ready, deviceId];
      const everyone = ctx.members.every((id) => ready.includes(id));
      return moved(everyone ? 'reconnect' : 'paused', { ...pause, ready });
    }
    case 'close': {
      if (state.phase !== 'reconnect') return refuse('wrong_phase', 'You can go back to normal once you have both reconnected.');
      return moved('calm', null);
    }
  }
}

/** Set the caller's own deadline (joining the pause if needed); the shared deadline is the latest one. */
function withOwnDeadline(pause: PauseView, ctx: CommandContext, endsAt: number): Step {
  if (endsAt > pause.startedAt + MAX_TOTAL_MS) {
    return refuse('over_limit', 'A break can last up to 24 hours in all. Choose a shorter time.');
  }
  const existing = ownPause(pause, ctx.deviceId);
  const own: PauserView = existing
    ? { ...existing, endsAt }
    : { deviceId: ctx.deviceId, startedAt: ctx.now, endsAt, reassurance: ctx.reassurance };
  const pausers = [...pause.pausers.filter((p) => p.deviceId !== ctx.deviceId), own];
  const shared = Math.max(...pausers.map((p) => p.endsAt));
  return moved('paused', { ...pause, pausers, endsAt: shared, ready: [] });
}

function moved(phase: CouplePhase, pause: PauseView | null): Step {
  return { ok: true, next: { phase, pause } };
}

function refuse(code: ErrorCode, message: string): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code, message };
}
