import { describe, expect, test } from 'vitest';
import type { ErrorCode } from '../../shared/contracts/errors.js';
import { MINUTE_MS } from '../../shared/pause/limits.js';
import {
  applyPauseCommand,
  initialCoupleState,
  RECENT_COMMANDS_KEPT,
  type CommandContext,
  type CoupleState,
  type PauseCommand,
} from '../../shared/pause/machine.js';
import {
  applyConversationCommand,
  conversationSummary,
  suggestFirstSpeaker,
  TALK_LATER_MAX_MS,
  type ConversationCommand,
  type ConversationContext,
  type ConversationState,
  type ConversationStep,
  type SpeakerCandidate,
} from '../../shared/conversation/machine.js';

const T0 = Date.UTC(2026, 0, 15, 21, 30, 0);
const UP = T0 + 20 * MINUTE_MS;
const A = 'device-a';
const B = 'device-b';

let counter = 0;
const cid = () => `conversation-${String(++counter).padStart(8, '0')}`;

/** Deep-freezes the input so any mutation by a machine throws. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

function pctx(deviceId: string, now: number): CommandContext {
  return { deviceId, members: [A, B], reassurance: `back soon from ${deviceId}`, now };
}

function tctx(
  deviceId: string,
  now = UP + MINUTE_MS,
  withdraw: { a?: boolean | null; b?: boolean | null } = {},
): ConversationContext {
  return {
    deviceId,
    now,
    devices: [
      { id: A, tendsToWithdraw: withdraw.a ?? null },
      { id: B, tendsToWithdraw: withdraw.b ?? null },
    ],
  };
}

function pause(
  state: CoupleState,
  cmd: Omit<PauseCommand, 'commandId' | 'seq'> & Record<string, unknown>,
  c: CommandContext,
): CoupleState {
  const full = { ...cmd, commandId: cid(), seq: state.seq } as PauseCommand;
  const res = applyPauseCommand(frozen(state), full, c);
  if (!res.ok) throw new Error(`pause ${full.type} refused: ${res.code}`);
  expect(res.changed).toBe(true);
  return res.state;
}

type Cmd = ConversationCommand extends infer C
  ? C extends ConversationCommand
    ? Omit<C, 'commandId' | 'seq'>
    : never
  : never;

/** Applies a conversation command that must succeed and change the state; checks the bookkeeping. */
function converse(state: CoupleState, cmd: Cmd, c: ConversationContext, commandId = cid()): CoupleState {
  const before = structuredClone(state);
  const full = { ...cmd, commandId, seq: state.seq };
  const res = applyConversationCommand(frozen(state), full, c);
  if (!res.ok) throw new Error(`${cmd.type} refused: ${res.code}`);
  expect(res.changed).toBe(true);
  expect(res.state.seq).toBe(before.seq + 1);
  expect(res.state.recentCommands.at(-1)).toBe(commandId);
  expect(res.state.phase).toBe(before.phase);
  expect(res.state.pause).toEqual(before.pause);
  expect(state).toEqual(before);
  return res.state;
}

/** A legal move that changes nothing: same state object, seq not bumped. */
function noop(state: CoupleState, cmd: Cmd, c: ConversationContext): void {
  const res = applyConversationCommand(frozen(state), { ...cmd, commandId: cid(), seq: state.seq }, c);
  expect(res).toEqual({ ok: true, changed: false, state });
}

/** A conversation command that must be refused with `code`, leaving the input untouched. */
function refused(state: CoupleState, cmd: Cmd, c: ConversationContext, code: ErrorCode, seq = state.seq): void {
  const before = structuredClone(state);
  const res = applyConversationCommand(frozen(state), { ...cmd, commandId: cid(), seq }, c);
  expect(res.ok, `${cmd.type} should be refused`).toBe(false);
  if (res.ok) return;
  expect(res.code).toBe(code);
  // A code, never a sentence: the client words it.
  expect(res).not.toHaveProperty('message');
  expect(state).toEqual(before);
}

/** A move that must end the conversation: back to normal, no pause, nothing left of the talk. */
function backToNormal(state: CoupleState, cmd: Cmd, c: ConversationContext): CoupleState {
  const res = applyConversationCommand(frozen(state), { ...cmd, commandId: cid(), seq: state.seq }, c);
  if (!res.ok) throw new Error(`${cmd.type} refused: ${res.code}`);
  expect(res.changed).toBe(true);
  expect(res.state.seq).toBe(state.seq + 1);
  expect(res.state.phase).toBe('calm');
  expect(res.state.pause).toBeNull();
  expect(res.state.conversation).toBeNull();
  return res.state;
}

function conv(s: CoupleState): ConversationState {
  if (!s.conversation) throw new Error('no conversation');
  return s.conversation;
}

function step(s: CoupleState): ConversationStep {
  return conv(s).step;
}

/** A paused for 20 minutes at T0; both said "I'm ready" when the time was up. */
function reconnected(): CoupleState {
  let s = pause(initialCoupleState(), { type: 'start', minutes: 20 }, pctx(A, T0));
  s = pause(s, { type: 'ready' }, pctx(A, UP));
  s = pause(s, { type: 'ready' }, pctx(B, UP));
  expect(s.phase).toBe('reconnect');
  return s;
}

function atPrepare(): CoupleState {
  let s = reconnected();
  s = converse(s, { type: 'rate', rating: 3 }, tctx(A));
  s = converse(s, { type: 'rate', rating: 2 }, tctx(B));
  expect(step(s)).toBe('prepare');
  return s;
}

/** Both shared; A (the one who paused) has the floor. */
function atTurns(withdraw: { a?: boolean | null; b?: boolean | null } = {}): CoupleState {
  let s = atPrepare();
  s = converse(s, { type: 'share', payload: 'card-a' }, tctx(A));
  s = converse(s, { type: 'share', payload: 'card-b' }, tctx(B, UP + 2 * MINUTE_MS, withdraw));
  expect(step(s)).toBe('turns');
  return s;
}

/** One full turn with `speaker` holding the floor: paraphrase, yes, validation. */
function fullTurn(s: CoupleState, speaker: string, validation?: string): CoupleState {
  const listener = speaker === A ? B : A;
  s = converse(s, { type: 'paraphrase', payload: `heard-${speaker}` }, tctx(listener));
  s = converse(s, { type: 'confirm', yes: true }, tctx(speaker));
  return converse(
    s,
    validation === undefined ? { type: 'validate' } : { type: 'validate', payload: validation },
    tctx(listener),
  );
}

function atRepair(): CoupleState {
  let s = atTurns();
  s = fullTurn(s, A, 'makes-sense-a');
  s = fullTurn(s, B);
  expect(step(s)).toBe('repair');
  return s;
}

describe('the conversation and the pause machine', () => {
  test('none while calm or during the first break', () => {
    expect(initialCoupleState().conversation).toBeNull();
    let s = pause(initialCoupleState(), { type: 'start', minutes: 20 }, pctx(A, T0));
    expect(s.conversation).toBeNull();
    s = pause(s, { type: 'ready' }, pctx(A, UP));
    expect(s.conversation).toBeNull();
  });

  test('both ready opens a fresh conversation at check-in, named after the pause', () => {
    const s = reconnected();
    expect(s.conversation).toEqual({
      id: s.pause!.id,
      startedAt: UP,
      step: 'checkin',
      pausedFirst: A,
      checkin: {},
      goAhead: [],
      cards: {},
      turn: null,
      heard: [],
      repair: {},
      responses: {},
      closing: {},
      leaving: [],
      closeRequest: null,
    });
  });

  test('pausedFirst is the earliest pauser, even when the other one extended last', () => {
    let s = pause(initialCoupleState(), { type: 'start', minutes: 20 }, pctx(B, T0));
    s = pause(s, { type: 'start', minutes: 30 }, pctx(A, T0 + MINUTE_MS));
    s = pause(s, { type: 'extend', minutes: 20 }, pctx(B, T0 + 2 * MINUTE_MS));
    const up = s.pause!.endsAt;
    s = pause(s, { type: 'ready' }, pctx(A, up));
    s = pause(s, { type: 'ready' }, pctx(B, up));
    expect(conv(s).pausedFirst).toBe(B);
  });

  test('"Back to normal", agreed by both, clears it', () => {
    let s = atTurns();
    s = converse(s, { type: 'close' }, tctx(B));
    const calm = backToNormal(s, { type: 'closeAnswer', answer: 'accept' }, tctx(A));
    expect(calm.phase).toBe('calm');
    expect(calm.conversation).toBeNull();
  });

  test('pausing again keeps it; coming back resumes at the same step', () => {
    let s = atTurns();
    s = converse(s, { type: 'paraphrase', payload: 'p1' }, tctx(B));
    const during = conv(s);
    const t = UP + 10 * MINUTE_MS;
    s = pause(s, { type: 'start', minutes: 20 }, pctx(B, t));
    expect(s.phase).toBe('paused');
    expect(s.conversation).toEqual(during);
    // The conversation waits while they are on a break.
    refused(s, { type: 'confirm', yes: true }, tctx(A, t + MINUTE_MS), 'wrong_phase');
    s = pause(s, { type: 'extend', minutes: 20 }, pctx(B, t + MINUTE_MS));
    expect(s.conversation).toEqual(during);
    const up = s.pause!.endsAt;
    s = pause(s, { type: 'ready' }, pctx(A, up));
    s = pause(s, { type: 'ready' }, pctx(B, up));
    expect(s.phase).toBe('reconnect');
    expect(s.pause!.id).not.toBe(during.id);
    expect(s.conversation).toEqual(during);
    s = converse(s, { type: 'confirm', yes: true }, tctx(A, up + 1));
    expect(conv(s).turn!.stage).toBe('validating');
  });

  test('coming back to a check-in asks for the ratings afresh', () => {
    let s = reconnected();
    s = converse(s, { type: 'rate', rating: 8 }, tctx(A));
    s = converse(s, { type: 'rate', rating: 3 }, tctx(B));
    s = converse(s, { type: 'continue' }, tctx(B));
    expect(conv(s).goAhead).toEqual([B]);
    // "More time": A takes another break.
    s = pause(s, { type: 'start', minutes: 20 }, pctx(A, UP + 2 * MINUTE_MS));
    expect(conv(s).checkin).toEqual({ [A]: 8, [B]: 3 });
    const up = s.pause!.endsAt;
    s = pause(s, { type: 'ready' }, pctx(A, up));
    s = pause(s, { type: 'ready' }, pctx(B, up));
    expect(conv(s)).toMatchObject({ step: 'checkin', checkin: {}, goAhead: [] });
  });

  test('a state stored before conversations existed (no key) still works', () => {
    const legacy = {
      ...pause(initialCoupleState(), { type: 'start', minutes: 20 }, pctx(A, T0)),
    } as Partial<CoupleState>;
    delete legacy.conversation;
    let s = legacy as CoupleState;
    refused(s, { type: 'rate', rating: 2 }, tctx(A, UP), 'wrong_phase');
    s = pause(s, { type: 'extend', minutes: 20 }, pctx(A, T0 + MINUTE_MS));
    expect(s.conversation).toBeNull();
    const up = s.pause!.endsAt;
    s = pause(s, { type: 'ready' }, pctx(A, up));
    s = pause(s, { type: 'ready' }, pctx(B, up));
    expect(conv(s).step).toBe('checkin');
  });
});

describe('bookkeeping', () => {
  test('outside the reconnect: wrong_phase', () => {
    const calm = initialCoupleState();
    refused(calm, { type: 'rate', rating: 2 }, tctx(A), 'wrong_phase');
    const paused = pause(calm, { type: 'start', minutes: 20 }, pctx(A, T0));
    refused(paused, { type: 'share', payload: 'x' }, tctx(A, UP), 'wrong_phase');
  });

  test('stale or future seq: stale_seq, checked before the move', () => {
    const s = atPrepare();
    for (const seq of [s.seq - 1, s.seq + 1, 0]) refused(s, { type: 'share', payload: 'x' }, tctx(A), 'stale_seq', seq);
    // Even a move that would be refused for another reason.
    refused(s, { type: 'confirm', yes: true }, tctx(A), 'stale_seq', s.seq - 1);
  });

  test('a stranger: not_linked; a couple of one: partner_missing', () => {
    const s = reconnected();
    refused(s, { type: 'rate', rating: 2 }, tctx('stranger'), 'not_linked');
    refused(
      s,
      { type: 'rate', rating: 2 },
      { deviceId: A, now: UP, devices: [{ id: A, tendsToWithdraw: null }] },
      'partner_missing',
    );
  });

  test('a repeated commandId is applied once, even with its now-stale seq', () => {
    const s = reconnected();
    const id = cid();
    const s1 = converse(s, { type: 'rate', rating: 3 }, tctx(A), id);
    const again = applyConversationCommand(s1, { type: 'rate', rating: 9, commandId: id, seq: s.seq }, tctx(A));
    expect(again).toEqual({ ok: true, changed: false, state: s1 });
    // Shared with the pause commands.
    const byPause = applyPauseCommand(s1, { type: 'ready', commandId: id, seq: s1.seq }, pctx(B, UP));
    expect(byPause).toEqual({ ok: true, changed: false, state: s1 });
  });

  test(`recentCommands keeps only the last ${RECENT_COMMANDS_KEPT}`, () => {
    let s = reconnected();
    for (let i = 0; i < RECENT_COMMANDS_KEPT + 5; i++) s = converse(s, { type: 'rate', rating: 5 + (i % 2) }, tctx(A));
    expect(s.recentCommands).toHaveLength(RECENT_COMMANDS_KEPT);
  });

  test('ratings outside 0–10 or not whole: bad_request (the machine checks too)', () => {
    const s = reconnected();
    for (const rating of [-1, 11, 2.5, Number.NaN]) refused(s, { type: 'rate', rating }, tctx(A), 'bad_request');
  });
});

describe('check-in', () => {
  test('both at or below 4: on to preparing', () => {
    let s = reconnected();
    s = converse(s, { type: 'rate', rating: 4 }, tctx(A));
    expect(conv(s)).toMatchObject({ step: 'checkin', checkin: { [A]: 4 } });
    s = converse(s, { type: 'rate', rating: 0 }, tctx(B));
    expect(conv(s)).toMatchObject({ step: 'prepare', checkin: { [A]: 4, [B]: 0 }, goAhead: [] });
  });

  test('one above 4: they stay until both choose to go ahead', () => {
    let s = reconnected();
    s = converse(s, { type: 'rate', rating: 5 }, tctx(A));
    refused(s, { type: 'continue' }, tctx(A), 'wrong_step'); // B has not rated yet
    s = converse(s, { type: 'rate', rating: 2 }, tctx(B));
    expect(step(s)).toBe('checkin');
    s = converse(s, { type: 'continue' }, tctx(A));
    expect(conv(s).goAhead).toEqual([A]);
    noop(s, { type: 'continue' }, tctx(A));
    s = converse(s, { type: 'continue' }, tctx(B));
    expect(conv(s)).toMatchObject({ step: 'prepare', goAhead: [A, B] });
  });

  test('a rating can change at check-in; the same rating again changes nothing', () => {
    let s = reconnected();
    s = converse(s, { type: 'rate', rating: 7 }, tctx(A));
    noop(s, { type: 'rate', rating: 7 }, tctx(A));
    s = converse(s, { type: 'rate', rating: 3 }, tctx(B));
    s = converse(s, { type: 'continue' }, tctx(B));
    // New numbers: going ahead is asked again.
    s = converse(s, { type: 'rate', rating: 6 }, tctx(A));
    expect(conv(s)).toMatchObject({ step: 'checkin', checkin: { [A]: 6, [B]: 3 }, goAhead: [] });
    // Calmer now: both at or below 4 moves on.
    s = converse(s, { type: 'rate', rating: 4 }, tctx(A));
    expect(step(s)).toBe('prepare');
  });

  test('after the check-in: rating and going ahead are out of step', () => {
    const s = atPrepare();
    refused(s, { type: 'rate', rating: 1 }, tctx(A), 'wrong_step');
    refused(s, { type: 'continue' }, tctx(A), 'wrong_step');
  });
});

describe('prepare', () => {
  test('each shares a card once; both shared: turns begin', () => {
    let s = atPrepare();
    const t = UP + 3 * MINUTE_MS;
    s = converse(s, { type: 'share', payload: 'card-a' }, tctx(A, t));
    expect(conv(s)).toMatchObject({ step: 'prepare', cards: { [A]: { payload: 'card-a', sharedAt: t } }, turn: null });
    refused(s, { type: 'share', payload: 'card-a2' }, tctx(A), 'already_done');
    s = converse(s, { type: 'share', payload: 'card-b' }, tctx(B, t + 1));
    expect(conv(s)).toMatchObject({
      step: 'turns',
      cards: { [A]: { payload: 'card-a', sharedAt: t }, [B]: { payload: 'card-b', sharedAt: t + 1 } },
      turn: { speaker: A, stage: 'speaking', paraphrase: null, attempts: 0 },
      heard: [],
    });
  });

  test('sharing before or after preparing: wrong_step', () => {
    refused(reconnected(), { type: 'share', payload: 'x' }, tctx(A), 'wrong_step');
    refused(atTurns(), { type: 'share', payload: 'x' }, tctx(A), 'wrong_step');
  });

  test('the one who tends to withdraw is offered the floor', () => {
    const s = atTurns({ b: true, a: false });
    expect(conv(s).turn!.speaker).toBe(B);
  });
});

describe('suggestFirstSpeaker', () => {
  const d = (a: boolean | null, b: boolean | null): SpeakerCandidate[] => [
    { id: A, tendsToWithdraw: a },
    { id: B, tendsToWithdraw: b },
  ];
  test.each([
    [true, null, B, A],
    [false, true, A, B],
    [null, true, null, B],
    [true, true, B, B],
    [false, false, B, B],
    [null, null, A, A],
    [null, null, null, A],
    [true, true, 'gone', A],
  ] as const)('withdraw A=%s B=%s, paused first %s → %s', (a, b, first, expected) => {
    expect(suggestFirstSpeaker(d(a, b), first)).toBe(expected);
  });
  test('no devices: null', () => {
    expect(suggestFirstSpeaker([], null)).toBeNull();
  });
});

describe('turns', () => {
  test('handing the floor over, before the first paraphrase, by the one holding it', () => {
    let s = atTurns();
    refused(s, { type: 'floor' }, tctx(B), 'not_your_turn');
    s = converse(s, { type: 'floor' }, tctx(A));
    expect(conv(s).turn).toEqual({ speaker: B, stage: 'speaking', paraphrase: null, attempts: 0 });
    s = converse(s, { type: 'floor' }, tctx(B));
    expect(conv(s).turn!.speaker).toBe(A);
    s = converse(s, { type: 'paraphrase', payload: 'p' }, tctx(B));
    refused(s, { type: 'floor' }, tctx(A), 'wrong_step');
  });

  test('paraphrase → not quite → paraphrase → yes → validation; each move by the right person', () => {
    let s = atTurns();
    // Speaking: only the listener paraphrases; nothing to confirm or validate yet.
    refused(s, { type: 'paraphrase', payload: 'me' }, tctx(A), 'not_your_turn');
    refused(s, { type: 'confirm', yes: true }, tctx(A), 'wrong_step');
    refused(s, { type: 'confirm', yes: true }, tctx(B), 'not_your_turn');
    refused(s, { type: 'validate', payload: 'v' }, tctx(B), 'wrong_step');

    s = converse(s, { type: 'paraphrase', payload: 'p1' }, tctx(B));
    expect(conv(s).turn).toEqual({ speaker: A, stage: 'confirming', paraphrase: 'p1', attempts: 1 });
    refused(s, { type: 'paraphrase', payload: 'p1b' }, tctx(B), 'wrong_step');
    refused(s, { type: 'confirm', yes: true }, tctx(B), 'not_your_turn');
    refused(s, { type: 'floor' }, tctx(A), 'wrong_step');

    s = converse(s, { type: 'confirm', yes: false }, tctx(A));
    expect(conv(s).turn).toEqual({ speaker: A, stage: 'paraphrasing', paraphrase: 'p1', attempts: 1 });
    refused(s, { type: 'confirm', yes: true }, tctx(A), 'wrong_step');
    refused(s, { type: 'floor' }, tctx(A), 'wrong_step');
    refused(s, { type: 'validate' }, tctx(B), 'wrong_step');

    s = converse(s, { type: 'paraphrase', payload: 'p2' }, tctx(B));
    expect(conv(s).turn).toEqual({ speaker: A, stage: 'confirming', paraphrase: 'p2', attempts: 2 });
    s = converse(s, { type: 'confirm', yes: true }, tctx(A));
    expect(conv(s).turn).toEqual({ speaker: A, stage: 'validating', paraphrase: 'p2', attempts: 2 });
    refused(s, { type: 'paraphrase', payload: 'p3' }, tctx(B), 'wrong_step');
    refused(s, { type: 'confirm', yes: true }, tctx(A), 'wrong_step');
    refused(s, { type: 'validate', payload: 'self' }, tctx(A), 'not_your_turn');

    s = converse(s, { type: 'validate', payload: 'v1' }, tctx(B));
    expect(conv(s)).toMatchObject({
      step: 'turns',
      heard: [{ speaker: A, paraphrase: 'p2', validation: 'v1', attempts: 2 }],
      turn: { speaker: B, stage: 'speaking', paraphrase: null, attempts: 0 },
    });
    // The floor passed by itself; it cannot be handed back.
    refused(s, { type: 'floor' }, tctx(B), 'wrong_step');
    refused(s, { type: 'paraphrase', payload: 'x' }, tctx(B), 'not_your_turn');
  });

  test('both heard (validation skipped for one): on to repair', () => {
    let s = atTurns();
    s = fullTurn(s, A, 'v-a');
    s = fullTurn(s, B);
    expect(conv(s)).toMatchObject({
      step: 'repair',
      turn: null,
      heard: [
        { speaker: A, paraphrase: `heard-${A}`, validation: 'v-a', attempts: 1 },
        { speaker: B, paraphrase: `heard-${B}`, validation: null, attempts: 1 },
      ],
    });
  });

  test('turn moves outside the turns: wrong_step', () => {
    for (const s of [reconnected(), atPrepare(), atRepair()]) {
      refused(s, { type: 'floor' }, tctx(A), 'wrong_step');
      refused(s, { type: 'paraphrase', payload: 'x' }, tctx(B), 'wrong_step');
      refused(s, { type: 'confirm', yes: true }, tctx(A), 'wrong_step');
      refused(s, { type: 'validate' }, tctx(B), 'wrong_step');
    }
  });
});

describe('repair and plan', () => {
  test('each submits once; a request is answered once; then the summary', () => {
    let s = atRepair();
    refused(s, { type: 'respond', status: 'accepted' }, tctx(B), 'no_request');
    s = converse(s, { type: 'repair', regret: 'r-a', willDo: 'do-a', wouldLike: 'like-a' }, tctx(A));
    expect(conv(s)).toMatchObject({
      step: 'repair',
      repair: { [A]: { regret: 'r-a', sorry: null, willDo: 'do-a', wouldLike: 'like-a' } },
    });
    refused(s, { type: 'repair', sorry: 'again' }, tctx(A), 'already_done');
    refused(s, { type: 'respond', status: 'adjusted' }, tctx(B), 'bad_request');
    refused(s, { type: 'respond', status: 'accepted', adjustment: 'x' }, tctx(B), 'bad_request');

    s = converse(s, { type: 'respond', status: 'adjusted', adjustment: 'adj-b' }, tctx(B));
    expect(conv(s).responses).toEqual({ [B]: { status: 'adjusted', adjustment: 'adj-b' } });
    refused(s, { type: 'respond', status: 'declined' }, tctx(B), 'already_done');
    expect(step(s)).toBe('repair'); // B has not submitted

    // B asks for nothing: nothing for A to answer, so B's submission completes the step.
    refused(s, { type: 'respond', status: 'accepted' }, tctx(A), 'no_request');
    s = converse(s, { type: 'repair', sorry: 'sorry-b', willDo: 'do-b' }, tctx(B));
    expect(conv(s)).toMatchObject({
      step: 'summary',
      repair: { [B]: { regret: null, sorry: 'sorry-b', willDo: 'do-b', wouldLike: null } },
    });
  });

  test('both requests must be answered, whoever submits last', () => {
    let s = atRepair();
    s = converse(s, { type: 'repair', wouldLike: 'like-a' }, tctx(A));
    s = converse(s, { type: 'repair', wouldLike: 'like-b' }, tctx(B));
    s = converse(s, { type: 'respond', status: 'declined' }, tctx(A));
    expect(step(s)).toBe('repair');
    s = converse(s, { type: 'respond', status: 'accepted' }, tctx(B));
    expect(conv(s)).toMatchObject({
      step: 'summary',
      responses: { [A]: { status: 'declined', adjustment: null }, [B]: { status: 'accepted', adjustment: null } },
    });
  });

  test('an empty submission: bad_request; out of step: wrong_step', () => {
    const s = atRepair();
    refused(s, { type: 'repair' }, tctx(A), 'bad_request');
    refused(atTurns(), { type: 'repair', willDo: 'x' }, tctx(A), 'wrong_step');
    refused(atTurns(), { type: 'respond', status: 'accepted' }, tctx(A), 'wrong_step');
  });
});

describe('summary', () => {
  function atSummary(): CoupleState {
    let s = atRepair();
    s = converse(s, { type: 'repair', regret: 'r-a', willDo: 'do-a', wouldLike: 'like-a' }, tctx(A));
    s = converse(s, { type: 'repair', willDo: 'do-b', wouldLike: 'like-b' }, tctx(B));
    s = converse(s, { type: 'respond', status: 'accepted' }, tctx(B));
    s = converse(s, { type: 'respond', status: 'adjusted', adjustment: 'adj-a' }, tctx(A));
    expect(step(s)).toBe('summary');
    return s;
  }

  test('a last rating each (changeable); nothing else moves', () => {
    let s = atSummary();
    s = converse(s, { type: 'rate', rating: 2 }, tctx(A));
    noop(s, { type: 'rate', rating: 2 }, tctx(A));
    s = converse(s, { type: 'rate', rating: 1 }, tctx(A));
    s = converse(s, { type: 'rate', rating: 3 }, tctx(B));
    expect(conv(s).closing).toEqual({ [A]: 1, [B]: 3 });
    refused(s, { type: 'repair', willDo: 'more' }, tctx(A), 'wrong_step');
    refused(s, { type: 'respond', status: 'declined' }, tctx(A), 'wrong_step');
    refused(s, { type: 'continue' }, tctx(A), 'wrong_step');
    refused(s, { type: 'share', payload: 'x' }, tctx(A), 'wrong_step');
    s = converse(s, { type: 'close' }, tctx(A));
    const calm = backToNormal(s, { type: 'close' }, tctx(B));
    expect(calm.conversation).toBeNull();
  });

  test('conversationSummary: the same for both phones', () => {
    let s = atSummary();
    s = converse(s, { type: 'rate', rating: 2 }, tctx(B));
    const c = conv(s);
    const summary = conversationSummary(c, [A, B]);
    expect(summary).toEqual({
      heard: c.heard,
      plans: [
        { deviceId: A, entry: c.repair[A], response: { status: 'accepted', adjustment: null } },
        { deviceId: B, entry: c.repair[B], response: { status: 'adjusted', adjustment: 'adj-a' } },
      ],
      checkin: { [A]: 3, [B]: 2 },
      closing: { [B]: 2 },
    });
  });
});

describe('closing takes both', () => {
  function atSummary(): CoupleState {
    let s = atRepair();
    s = converse(s, { type: 'repair', willDo: 'do-a' }, tctx(A));
    s = converse(s, { type: 'repair', willDo: 'do-b' }, tctx(B));
    expect(step(s)).toBe('summary');
    return s;
  }

  test('at the summary the first "Back to normal" waits, so the other can still give a last rating', () => {
    let s = atSummary();
    s = converse(s, { type: 'rate', rating: 2 }, tctx(A));
    s = converse(s, { type: 'close' }, tctx(A));
    expect(conv(s).leaving).toEqual([A]);
    noop(s, { type: 'close' }, tctx(A));
    s = converse(s, { type: 'rate', rating: 6 }, tctx(B));
    expect(conv(s).closing).toEqual({ [A]: 2, [B]: 6 });
    const calm = backToNormal(s, { type: 'close' }, tctx(B));
    expect(calm.talkLater).toBeNull();
  });

  test('before the summary, "without talking" is a request the partner accepts', () => {
    let s = reconnected();
    s = converse(s, { type: 'close' }, tctx(A, UP + 2 * MINUTE_MS));
    expect(conv(s).closeRequest).toEqual({ by: A, at: UP + 2 * MINUTE_MS });
    noop(s, { type: 'close' }, tctx(A));
    refused(s, { type: 'closeAnswer', answer: 'accept' }, tctx(A), 'not_your_turn');
    backToNormal(s, { type: 'closeAnswer', answer: 'accept' }, tctx(B));
  });

  test('both asking is agreement', () => {
    let s = atTurns();
    s = converse(s, { type: 'close' }, tctx(B));
    backToNormal(s, { type: 'close' }, tctx(A));
  });

  test('or answered with a time to talk later, which stays with the couple until the next break', () => {
    let s = reconnected();
    s = converse(s, { type: 'close' }, tctx(A));
    const now = UP + 3 * MINUTE_MS;
    refused(s, { type: 'closeAnswer', answer: 'later', at: now }, tctx(B, now), 'bad_request');
    refused(s, { type: 'closeAnswer', answer: 'later', at: now + TALK_LATER_MAX_MS + 1 }, tctx(B, now), 'bad_request');
    const at = now + 20 * 60 * MINUTE_MS;
    expect(at).toBeLessThan(now + TALK_LATER_MAX_MS);
    const calm = backToNormal(s, { type: 'closeAnswer', answer: 'later', at }, tctx(B, now));
    expect(calm.talkLater).toEqual({ at, setBy: B });
    const next = pause(calm, { type: 'start', minutes: 20 }, pctx(A, now + MINUTE_MS));
    expect(next.talkLater).toBeNull();
  });

  test('"let’s talk now" clears the request; so does the asker taking it back', () => {
    let s = reconnected();
    s = converse(s, { type: 'close' }, tctx(A));
    s = converse(s, { type: 'closeAnswer', answer: 'decline' }, tctx(B));
    expect(conv(s).closeRequest).toBeNull();
    refused(s, { type: 'closeAnswer', answer: 'accept' }, tctx(B), 'no_request');
    s = converse(s, { type: 'close' }, tctx(B));
    s = converse(s, { type: 'closeAnswer', answer: 'decline' }, tctx(B));
    expect(conv(s).closeRequest).toBeNull();
    expect(s.phase).toBe('reconnect');
  });

  test('outside the reconnect: wrong_phase', () => {
    const calm = initialCoupleState();
    refused(calm, { type: 'close' }, tctx(A), 'wrong_phase');
    const paused = pause(calm, { type: 'start', minutes: 20 }, pctx(A, T0));
    refused(paused, { type: 'close' }, tctx(A), 'wrong_phase');
    refused(paused, { type: 'closeAnswer', answer: 'accept' }, tctx(B), 'wrong_phase');
  });
});

describe('invariants over random command sequences', () => {
  test('refusals change nothing; seq bumps iff changed; steps only go forward; the turn exists only in turns', () => {
    let seed = 4242;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed >>> 12) % n; // the low bits of this generator cycle quickly
    };
    const order: ConversationStep[] = ['checkin', 'prepare', 'turns', 'repair', 'summary'];
    const FITS: Record<ConversationStep, string[]> = {
      checkin: ['rate', 'continue'],
      prepare: ['share'],
      turns: ['floor', 'paraphrase', 'confirm', 'validate'],
      repair: ['repair', 'respond'],
      summary: ['rate'],
    };
    const reached = new Set<ConversationStep>();
    for (let run = 0; run < 120; run++) {
      let s = reconnected();
      for (let i = 0; i < 100; i++) {
        const who = rnd(2) ? A : B;
        const seq = rnd(12) === 0 ? s.seq - 1 : s.seq;
        const text = `t${i}`;
        const kinds: Cmd[] = [
          { type: 'rate', rating: rnd(11) < 8 ? rnd(5) : 5 + rnd(6) },
          { type: 'continue' },
          { type: 'share', payload: text },
          { type: 'floor' },
          { type: 'paraphrase', payload: text },
          { type: 'confirm', yes: rnd(3) > 0 },
          rnd(2) ? { type: 'validate', payload: text } : { type: 'validate' },
          { type: 'repair', willDo: text, ...(rnd(2) ? { wouldLike: text } : {}) },
          rnd(3)
            ? { type: 'respond', status: rnd(2) ? 'accepted' : 'declined' }
            : { type: 'respond', status: 'adjusted', adjustment: text },
        ];
        // Mostly moves that fit the step, so the walk gets all the way through; some of anything.
        const fitting = kinds.filter((k) => FITS[conv(s).step].includes(k.type));
        const pool = rnd(10) < 7 ? fitting : kinds;
        const cmd = { ...pool[rnd(pool.length)]!, commandId: cid(), seq };
        const before = structuredClone(s);
        const res = applyConversationCommand(frozen(s), cmd, tctx(who, UP + i, { a: rnd(2) === 0 }));
        expect(s).toEqual(before);
        if (!res.ok) continue;
        const next = res.state;
        expect(next.seq).toBe(s.seq + (res.changed ? 1 : 0));
        const c = conv(next);
        expect(order.indexOf(c.step)).toBeGreaterThanOrEqual(order.indexOf(conv(s).step));
        expect(c.turn !== null).toBe(c.step === 'turns');
        expect(c.heard.length).toBeLessThanOrEqual(2);
        if (c.step !== 'checkin') expect(Object.keys(c.checkin).sort()).toEqual([A, B]);
        if (['turns', 'repair', 'summary'].includes(c.step)) expect(Object.keys(c.cards).sort()).toEqual([A, B]);
        if (['repair', 'summary'].includes(c.step)) expect(c.heard.map((h) => h.speaker).sort()).toEqual([A, B]);
        if (c.step === 'summary') expect(Object.keys(c.repair).sort()).toEqual([A, B]);
        reached.add(c.step);
        s = next;
      }
    }
    expect([...reached].sort()).toEqual([...order].sort());
  });
});
