import { describe, expect, test } from 'vitest';
import { capOf, MIN_BREAK_MINUTES, MINUTE_MS } from '../../shared/pause/limits.js';
import {
  allowedPauseCommands,
  applyPauseCommand,
  initialCoupleState,
  type CommandContext,
  type CoupleState,
  type PauseCommand,
  type PauseCommandType,
} from '../../shared/pause/machine.js';
import {
  allowedConversationMoves,
  applyConversationCommand,
  type ConversationCommand,
  type ConversationContext,
  type ConversationMove,
} from '../../shared/conversation/machine.js';

/**
 * allowedPauseCommands / allowedConversationMoves against the machines themselves, over states reached
 * by random walks: every move said to be allowed is accepted (with a valid payload), every other is refused.
 */
const T0 = Date.UTC(2026, 0, 15, 21, 30, 0);
const A = 'device-a';
const B = 'device-b';
const PAUSE_TYPES: PauseCommandType[] = ['start', 'extend', 'end', 'ready', 'shown'];
// Written out here, not imported from the machine: a move the machine forgets to list still gets tried.
const MOVES: ConversationMove[] = [
  'rate',
  'continue',
  'share',
  'floor',
  'paraphrase',
  'confirm',
  'validate',
  'repair',
  'respond',
  'close',
  'closeAnswer.accept',
  'closeAnswer.decline',
  'closeAnswer.later',
];

/** Moves that end the conversation: the walks take them only now and then. */
const ENDINGS: ConversationMove[] = ['close', 'closeAnswer.accept', 'closeAnswer.later'];

let counter = 0;
const cid = () => `allowed-${++counter}`;

function pctx(deviceId: string, now: number, members: string[] = [A, B]): CommandContext {
  return { deviceId, members, reassurance: 'back soon', now };
}
function tctx(deviceId: string, now: number, devices: string[] = [A, B]): ConversationContext {
  return { deviceId, now, devices: devices.map((id) => ({ id, tendsToWithdraw: null })) };
}

/** A payload that is valid whenever the state allows the command: the question is the state, not the payload. */
function pauseCommand(type: PauseCommandType, s: CoupleState, pick: (n: number) => number): PauseCommand {
  const base = { commandId: cid(), seq: s.seq };
  switch (type) {
    case 'start':
      return { type, commandId: base.commandId, minutes: [MIN_BREAK_MINUTES, 60, 360, 24 * 60][pick(4)]! };
    case 'extend':
      // The latest time the day allows: after any deadline that still leaves room.
      return { type, ...base, until: capOf(s.pause?.startedAt ?? T0) };
    case 'end':
      return { type, ...base, rating: pick(3) };
    case 'ready':
      return { type, ...base };
    case 'shown':
      return { type, commandId: base.commandId, pauseId: s.pause?.id ?? 'none' };
  }
}

function conversationCommand(
  move: ConversationMove,
  s: CoupleState,
  now: number,
  pick: (n: number) => number,
): ConversationCommand {
  const base = { commandId: cid(), seq: s.seq };
  switch (move) {
    case 'rate':
      return { type: 'rate', ...base, rating: pick(11) };
    case 'share':
      return { type: 'share', ...base, payload: 'ct:card' };
    case 'paraphrase':
      return { type: 'paraphrase', ...base, payload: 'ct:heard' };
    case 'confirm':
      return { type: 'confirm', ...base, yes: pick(3) > 0 };
    case 'validate':
      return { type: 'validate', ...base, payload: 'ct:sense' };
    case 'repair':
      return { type: 'repair', ...base, sorry: 'ct:sorry', ...(pick(2) ? { wouldLike: 'ct:ask' } : {}) };
    case 'respond':
      return { type: 'respond', ...base, status: 'accepted' };
    case 'closeAnswer.accept':
      return { type: 'closeAnswer', ...base, answer: 'accept' };
    case 'closeAnswer.decline':
      return { type: 'closeAnswer', ...base, answer: 'decline' };
    case 'closeAnswer.later':
      return { type: 'closeAnswer', ...base, answer: 'later', at: now + 60 * MINUTE_MS };
    default:
      return { type: move, ...base };
  }
}

function checkAgreement(s: CoupleState, now: number, seen: { pause: Set<string>; conversation: Set<string> }): void {
  for (const [me, members] of [
    [A, [A, B]],
    [B, [A, B]],
    [A, [A]],
  ] as const) {
    const allowed = allowedPauseCommands(s, pctx(me, now, [...members]));
    for (const type of PAUSE_TYPES) {
      const res = applyPauseCommand(
        s,
        pauseCommand(type, s, () => 0),
        pctx(me, now, [...members]),
      );
      expect(res.ok, `${me} ${type} in ${s.phase} at +${(now - T0) / MINUTE_MS} min`).toBe(allowed.has(type));
      if (allowed.has(type)) seen.pause.add(type);
    }
    const moves = allowedConversationMoves(s, tctx(me, now, [...members]));
    for (const move of MOVES) {
      const res = applyConversationCommand(
        s,
        conversationCommand(move, s, now, () => 1),
        tctx(me, now, [...members]),
      );
      expect(res.ok, `${me} ${move} at ${s.conversation?.step ?? s.phase}`).toBe(moves.has(move));
      if (moves.has(move)) seen.conversation.add(move);
    }
  }
  // Another seq, or a phone not in the couple: nothing goes through, and nothing is offered.
  expect(allowedPauseCommands(s, pctx('stranger', now)).size).toBe(0);
  expect(allowedConversationMoves(s, tctx('stranger', now)).size).toBe(0);
}

describe('what the machines say is allowed is what they accept', () => {
  test('over many states from random walks through breaks and conversations', () => {
    let seed = 2718;
    const pick = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed >>> 12) % n;
    };
    const seen = { pause: new Set<string>(), conversation: new Set<string>() };
    const steps = [0, MINUTE_MS, 5 * MINUTE_MS, 21 * MINUTE_MS, 2 * 60 * MINUTE_MS, 7 * 60 * MINUTE_MS];
    let visited = 0;
    for (let walk = 0; walk < 25; walk++) {
      let s = initialCoupleState();
      let now = T0 + pick(60) * MINUTE_MS;
      for (let i = 0; i < 120; i++) {
        checkAgreement(s, now, seen);
        visited++;
        const me = pick(2) ? A : B;
        // Mostly a move forward (so walks reach the later steps of a talk), sometimes anything at all.
        const forward = [...allowedConversationMoves(s, tctx(me, now))].filter((m) => !ENDINGS.includes(m));
        const allowedPause = [...allowedPauseCommands(s, pctx(me, now))].filter((t) => t !== 'shown');
        const options = pick(5) === 0 ? [...MOVES, ...PAUSE_TYPES] : forward.length > 0 ? forward : allowedPause;
        const choice = options[pick(options.length)];
        if (choice && (MOVES as string[]).includes(choice)) {
          const res = applyConversationCommand(
            s,
            conversationCommand(choice as ConversationMove, s, now, pick),
            tctx(me, now),
          );
          if (res.ok) s = res.state;
        } else if (choice) {
          const res = applyPauseCommand(s, pauseCommand(choice as PauseCommandType, s, pick), pctx(me, now));
          if (res.ok) s = res.state;
        }
        now += steps[pick(steps.length)]!;
      }
    }
    expect(visited).toBe(25 * 120);
    // The walks reached states where every command and move was allowed: none of this is vacuous.
    expect([...seen.pause].sort()).toEqual([...PAUSE_TYPES].sort());
    expect([...seen.conversation].sort()).toEqual([...MOVES].sort());
  });
});
