import type { ErrorCode, ErrorParams, Refusal as CodedRefusal } from '../contracts/errors.js';
import type { DeviceView, TalkLater } from '../contracts/snapshot.js';
import { rememberCommand, type CoupleState, type Transition } from '../pause/machine.js';
import {
  CALM_ENOUGH,
  RATING_MAX,
  RATING_MIN,
  type ConversationState,
  type CurrentTurn,
  type HeardTurn,
  type RepairEntry,
  type RequestResponse,
  type RequestStatus,
} from './conversation.js';

export * from './conversation.js';

/**
 * The reconnect conversation's rules: pure, like the pause machine, and sharing its seq and
 * commandId bookkeeping (a retried tap is applied once; a command sent against an old seq is refused).
 *
 * Steps (each shown on both phones at once; any refusal changes nothing):
 * - checkin → prepare: both rated 0–10 and both ≤ 4; or, if one is above 4, both chose to go ahead
 *   (`continue`). A rating can be changed while at check-in; a change asks both to go ahead again.
 *   "More time" is a new break (pause:start), after which the check-in is asked afresh.
 * - prepare → turns: both shared their card (once each). The first speaker is `suggestFirstSpeaker`.
 * - turns: the listener paraphrases, the speaker confirms ("yes" → validating, "not quite" →
 *   paraphrasing), the listener validates or skips; then the floor passes to the one not yet heard.
 *   Before the first paraphrase of the first turn, the speaker may hand the floor over (`floor`).
 *   turns → repair once both have been heard.
 * - repair → summary: both submitted their repair (once each) and each request (`wouldLike`) has
 *   been answered (accepted, adjusted or declined, once) by the partner.
 * - summary: each may give a last 0–10 rating (changeable). "Back to normal" (`close`) takes both:
 *   the first to tap waits; the second one's tap brings both back to normal.
 * - Before the summary, "Back to normal without talking" (`close`) is a request. The partner accepts it,
 *   or answers with a time to talk later (both phones show it and remind), or says "let's talk now";
 *   the one who asked may also take it back (`closeAnswer` decline). Both asking is agreement.
 */

/** How far ahead "a time to talk later" may be set: within a day, like a break (the phones word it "today" or "tomorrow"). */
export const TALK_LATER_MAX_MS = 24 * 60 * 60_000;

export type ConversationCommand =
  | { type: 'rate'; commandId: string; seq: number; rating: number }
  | { type: 'continue'; commandId: string; seq: number }
  | { type: 'share'; commandId: string; seq: number; payload: string }
  | { type: 'floor'; commandId: string; seq: number }
  | { type: 'paraphrase'; commandId: string; seq: number; payload: string }
  | { type: 'confirm'; commandId: string; seq: number; yes: boolean }
  | { type: 'validate'; commandId: string; seq: number; payload?: string }
  | {
      type: 'repair';
      commandId: string;
      seq: number;
      regret?: string;
      sorry?: string;
      willDo?: string;
      wouldLike?: string;
    }
  | { type: 'respond'; commandId: string; seq: number; status: RequestStatus; adjustment?: string }
  | { type: 'close'; commandId: string; seq: number }
  | { type: 'closeAnswer'; commandId: string; seq: number; answer: 'accept' | 'decline' }
  | { type: 'closeAnswer'; commandId: string; seq: number; answer: 'later'; at: number };

export type SpeakerCandidate = Pick<DeviceView, 'id' | 'tendsToWithdraw'>;

export interface ConversationContext {
  deviceId: string;
  /** The couple's devices, in their stable order. */
  devices: readonly SpeakerCandidate[];
  now: number;
}

/**
 * Who is offered the floor first (EFT: the partner who tends to withdraw speaks first):
 * the only device with `tendsToWithdraw` true; otherwise (both or neither) the one who started the
 * pause that led here, as the one who needed the break; otherwise the first device in order.
 */
export function suggestFirstSpeaker(devices: readonly SpeakerCandidate[], pausedFirst: string | null): string | null {
  const withdrawers = devices.filter((d) => d.tendsToWithdraw === true);
  if (withdrawers.length === 1) return withdrawers[0]!.id;
  if (pausedFirst && devices.some((d) => d.id === pausedFirst)) return pausedFirst;
  return devices[0]?.id ?? null;
}

export function applyConversationCommand(
  state: CoupleState,
  cmd: ConversationCommand,
  ctx: ConversationContext,
): Transition {
  if (state.recentCommands.includes(cmd.commandId)) return { ok: true, state, changed: false };
  const members = ctx.devices.map((d) => d.id);
  if (!members.includes(ctx.deviceId)) return refuse('not_linked');
  if (cmd.seq !== state.seq) return refuse('stale_seq');
  const conversation = state.conversation ?? null;
  if (state.phase !== 'reconnect' || !conversation) {
    return cmd.type === 'close' || cmd.type === 'closeAnswer' ? refuse('wrong_phase') : refuse('wrong_phase');
  }
  if (members.length !== 2) return refuse('partner_missing');
  const partner = members.find((id) => id !== ctx.deviceId)!;
  const result = step(conversation, cmd, { ...ctx, partner, members });
  if (!result.ok) return result;
  if (result.next === null) return { ok: true, state, changed: false };
  const recentCommands = rememberCommand(state.recentCommands, cmd.commandId);
  const seq = state.seq + 1;
  if ('backToNormal' in result.next) {
    const talkLater = result.next.backToNormal;
    return {
      ok: true,
      changed: true,
      state: { ...state, phase: 'calm', pause: null, conversation: null, talkLater, seq, recentCommands },
    };
  }
  return { ok: true, changed: true, state: { ...state, conversation: result.next, seq, recentCommands } };
}

type Refusal = { ok: false } & CodedRefusal;
/**
 * `next: null` is a legal move that changes nothing (going ahead twice, the same rating again);
 * `backToNormal` ends the conversation, with a time to talk later or none.
 */
type Step = { ok: true; next: ConversationState | { backToNormal: TalkLater | null } | null } | Refusal;
type StepContext = ConversationContext & { partner: string; members: string[] };

function step(c: ConversationState, cmd: ConversationCommand, ctx: StepContext): Step {
  const me = ctx.deviceId;
  if (cmd.type === 'rate' && (!Number.isInteger(cmd.rating) || cmd.rating < RATING_MIN || cmd.rating > RATING_MAX)) {
    return refuse('bad_request');
  }
  const blocked = guard(moveOf(cmd), c, ctx);
  if (blocked) return blocked;
  switch (cmd.type) {
    case 'rate': {
      if (c.step === 'checkin') {
        if (c.checkin[me] === cmd.rating) return unchanged();
        const checkin = { ...c.checkin, [me]: cmd.rating };
        const bothCalm = ctx.members.every((id) => has(checkin, id) && checkin[id]! <= CALM_ENOUGH);
        // New numbers: anyone who chose to go ahead anyway is asked again.
        return moved(bothCalm ? { ...c, checkin, goAhead: [], step: 'prepare' } : { ...c, checkin, goAhead: [] });
      }
      if (c.closing[me] === cmd.rating) return unchanged();
      return moved({ ...c, closing: { ...c.closing, [me]: cmd.rating } });
    }
    case 'continue': {
      if (c.goAhead.includes(me)) return unchanged();
      const goAhead = [...c.goAhead, me];
      const both = ctx.members.every((id) => goAhead.includes(id));
      return moved(both ? { ...c, goAhead, step: 'prepare' } : { ...c, goAhead });
    }
    case 'share': {
      const cards = { ...c.cards, [me]: { payload: cmd.payload, sharedAt: ctx.now } };
      if (!ctx.members.every((id) => has(cards, id))) return moved({ ...c, cards });
      const speaker = suggestFirstSpeaker(ctx.devices, c.pausedFirst)!;
      return moved({ ...c, cards, step: 'turns', turn: newTurn(speaker) });
    }
    case 'floor':
      return moved({ ...c, turn: newTurn(ctx.partner) });
    case 'paraphrase': {
      const turn = c.turn!;
      return moved({
        ...c,
        turn: { ...turn, stage: 'confirming', paraphrase: cmd.payload, attempts: turn.attempts + 1 },
      });
    }
    case 'confirm':
      return moved({ ...c, turn: { ...c.turn!, stage: cmd.yes ? 'validating' : 'paraphrasing' } });
    case 'validate': {
      const turn = c.turn!;
      const done: HeardTurn = {
        speaker: turn.speaker,
        paraphrase: turn.paraphrase!,
        validation: cmd.payload ?? null,
        attempts: turn.attempts,
      };
      const heard = [...c.heard, done];
      const next = ctx.members.find((id) => !heard.some((h) => h.speaker === id));
      return moved(next ? { ...c, heard, turn: newTurn(next) } : { ...c, heard, turn: null, step: 'repair' });
    }
    case 'repair': {
      const entry: RepairEntry = {
        regret: cmd.regret ?? null,
        sorry: cmd.sorry ?? null,
        willDo: cmd.willDo ?? null,
        wouldLike: cmd.wouldLike ?? null,
      };
      if (!entry.regret && !entry.sorry && !entry.willDo && !entry.wouldLike) return refuse('bad_request');
      return moved(afterRepair({ ...c, repair: { ...c.repair, [me]: entry } }, ctx.members));
    }
    case 'respond': {
      if ((cmd.status === 'adjusted') !== (cmd.adjustment !== undefined)) return refuse('bad_request');
      const response: RequestResponse = { status: cmd.status, adjustment: cmd.adjustment ?? null };
      return moved(afterRepair({ ...c, responses: { ...c.responses, [me]: response } }, ctx.members));
    }
    case 'close': {
      if (c.step === 'summary') {
        const leaving = c.leaving ?? [];
        if (leaving.includes(me)) return unchanged();
        const next = [...leaving, me];
        return ctx.members.every((id) => next.includes(id))
          ? { ok: true, next: { backToNormal: null } }
          : moved({ ...c, leaving: next });
      }
      const request = c.closeRequest ?? null;
      if (request?.by === me) return unchanged();
      // Both asked for it: that is agreement.
      if (request) return { ok: true, next: { backToNormal: null } };
      return moved({ ...c, closeRequest: { by: me, at: ctx.now } });
    }
    case 'closeAnswer': {
      if (cmd.answer === 'decline') return moved({ ...c, closeRequest: null });
      if (cmd.answer === 'accept') return { ok: true, next: { backToNormal: null } };
      const at = 'at' in cmd ? cmd.at : NaN;
      if (!Number.isSafeInteger(at) || at <= ctx.now || at > ctx.now + TALK_LATER_MAX_MS) {
        return refuse('bad_request', { latest: ctx.now + TALK_LATER_MAX_MS });
      }
      return { ok: true, next: { backToNormal: { at, setBy: me } } };
    }
  }
}

/**
 * A move is a command type, with "back to normal without talking" answers told apart: the one who
 * asked may only take it back (`closeAnswer.decline`); the partner may answer any way.
 */
export type ConversationMove =
  | Exclude<ConversationCommand['type'], 'closeAnswer'>
  | `closeAnswer.${Extract<ConversationCommand, { type: 'closeAnswer' }>['answer']}`;
const CONVERSATION_MOVES: readonly ConversationMove[] = [
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

export function moveOf(cmd: ConversationCommand): ConversationMove {
  return cmd.type === 'closeAnswer' ? `closeAnswer.${cmd.answer}` : cmd.type;
}

/**
 * What this phone may do in the conversation now (at the current seq): each move the machine would
 * accept with some valid payload. The UI asks this instead of repeating the rules; it is the same
 * `guard` the machine applies.
 */
export function allowedConversationMoves(
  state: Pick<CoupleState, 'phase' | 'conversation'>,
  ctx: ConversationContext,
): ReadonlySet<ConversationMove> {
  const members = ctx.devices.map((d) => d.id);
  const conversation = state.conversation ?? null;
  if (!members.includes(ctx.deviceId) || state.phase !== 'reconnect' || !conversation || members.length !== 2)
    return new Set();
  const stepCtx: StepContext = { ...ctx, members, partner: members.find((id) => id !== ctx.deviceId)! };
  return new Set(CONVERSATION_MOVES.filter((move) => guard(move, conversation, stepCtx) === null));
}

/** The state half of each move's rules: what must hold whatever the payload says. */
function guard(move: ConversationMove, c: ConversationState, ctx: StepContext): Refusal | null {
  const me = ctx.deviceId;
  const turn = c.step === 'turns' ? (c.turn ?? null) : null;
  switch (move) {
    case 'rate':
      return c.step === 'checkin' || c.step === 'summary' ? null : refuse('wrong_step');
    case 'continue':
      if (c.step !== 'checkin' || !ctx.members.every((id) => has(c.checkin, id))) return refuse('wrong_step');
      return null;
    case 'share':
      if (c.step !== 'prepare') return refuse('wrong_step');
      return has(c.cards, me) ? refuse('already_done') : null;
    case 'floor':
      if (!turn) return refuse('wrong_step');
      if (turn.speaker !== me) return refuse('not_your_turn');
      // Before the first paraphrase of the first turn only: after that, the floor passes once heard.
      return c.heard.length > 0 || turn.stage !== 'speaking' ? refuse('wrong_step') : null;
    case 'paraphrase':
      if (!turn) return refuse('wrong_step');
      if (turn.speaker === me) return refuse('not_your_turn');
      return turn.stage === 'speaking' || turn.stage === 'paraphrasing' ? null : refuse('wrong_step');
    case 'confirm':
      if (!turn) return refuse('wrong_step');
      if (turn.speaker !== me) return refuse('not_your_turn');
      return turn.stage === 'confirming' ? null : refuse('wrong_step');
    case 'validate':
      if (!turn) return refuse('wrong_step');
      if (turn.speaker === me) return refuse('not_your_turn');
      return turn.stage === 'validating' ? null : refuse('wrong_step');
    case 'repair':
      if (c.step !== 'repair') return refuse('wrong_step');
      return has(c.repair, me) ? refuse('already_done') : null;
    case 'respond': {
      if (c.step !== 'repair') return refuse('wrong_step');
      const request = has(c.repair, ctx.partner) ? c.repair[ctx.partner]!.wouldLike : null;
      if (request === null) return refuse('no_request');
      return has(c.responses, me) ? refuse('already_done') : null;
    }
    case 'close':
      return null;
    case 'closeAnswer.decline':
    case 'closeAnswer.accept':
    case 'closeAnswer.later': {
      const request = c.closeRequest ?? null;
      if (!request || c.step === 'summary') return refuse('no_request');
      return move !== 'closeAnswer.decline' && request.by === me ? refuse('not_your_turn') : null;
    }
  }
}

/** Both submitted, and every request answered by the other: on to the summary. */
function afterRepair(c: ConversationState, members: readonly string[]): ConversationState {
  const complete = members.every((id) => {
    if (!has(c.repair, id)) return false;
    return c.repair[id]!.wouldLike === null || members.some((other) => other !== id && has(c.responses, other));
  });
  return complete ? { ...c, step: 'summary' } : c;
}

/** Own keys only: the records are keyed by device id. */
function has(record: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(record, key);
}

function newTurn(speaker: string): CurrentTurn {
  return { speaker, stage: 'speaking', paraphrase: null, attempts: 0 };
}

function moved(next: ConversationState): Step {
  return { ok: true, next };
}

function unchanged(): Step {
  return { ok: true, next: null };
}

function refuse(code: ErrorCode, params?: ErrorParams): Refusal {
  return params ? { ok: false, code, params } : { ok: false, code };
}

/** What both phones show at the end, derived the same way on each. */
export interface ConversationSummary {
  /** Per speaker, in turn order: the need as heard and confirmed, and the listener's validation. */
  heard: HeardTurn[];
  /** Per person, in device order: their repair, and the partner's answer to their request (if any). */
  plans: Array<{ deviceId: string; entry: RepairEntry; response: RequestResponse | null }>;
  checkin: Record<string, number>;
  closing: Record<string, number>;
}

export function conversationSummary(c: ConversationState, deviceIds: readonly string[]): ConversationSummary {
  const plans = deviceIds.flatMap((id) => {
    const entry = c.repair[id];
    if (!entry) return [];
    const answerer = deviceIds.find((other) => other !== id);
    const response = entry.wouldLike !== null && answerer ? (c.responses[answerer] ?? null) : null;
    return [{ deviceId: id, entry, response }];
  });
  return { heard: c.heard, plans, checkin: c.checkin, closing: c.closing };
}
