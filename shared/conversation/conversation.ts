import type { PauseView } from '../contracts/snapshot.js';

/**
 * The reconnect conversation's shared state: held by the server, carried in every couple snapshot,
 * so a phone that drops out comes back to the same step. Every string called `payload`, `paraphrase`,
 * `validation`, `regret`, `sorry`, `willDo`, `wouldLike` or `adjustment` is opaque personal text
 * (ciphertext, sealed on the phone): the server stores and relays it and never reads or logs it.
 * Per-device records are keyed by device id; a missing key means "not yet".
 */

export type ConversationStep = 'checkin' | 'prepare' | 'turns' | 'repair' | 'summary';

/**
 * Within one speaker's turn:
 * - `speaking`: the speaker talks, the listener reads their card and writes a paraphrase.
 *   Only here, in the first turn, may the speaker hand the floor over.
 * - `confirming`: the listener asked "Is that it?"; the speaker answers yes or not quite.
 * - `paraphrasing`: the speaker said "Not quite"; the listener tries again.
 * - `validating`: the speaker said "Yes, that's it"; the listener may add "That makes sense because…" or skip.
 */
export type TurnStage = 'speaking' | 'paraphrasing' | 'confirming' | 'validating';

export interface SharedCard {
  payload: string;
  sharedAt: number;
}

export interface CurrentTurn {
  /** Holds the floor; the other device is the listener. */
  speaker: string;
  stage: TurnStage;
  /** The listener's latest paraphrase: awaiting an answer (`confirming`), turned down (`paraphrasing`) or confirmed (`validating`). */
  paraphrase: string | null;
  /** Paraphrases checked with the speaker so far in this turn. */
  attempts: number;
}

/** A finished turn: the speaker was heard. */
export interface HeardTurn {
  speaker: string;
  /** The paraphrase the speaker confirmed ("What I heard you need is …"). */
  paraphrase: string;
  /** The listener's "That makes sense because …", or null if skipped. */
  validation: string | null;
  attempts: number;
}

/** One person's repair and plan. Each part is optional; at least one is given. */
export interface RepairEntry {
  regret: string | null;
  sorry: string | null;
  /** One thing I will do. */
  willDo: string | null;
  /** One thing I'd like from you: a request, which the partner answers. */
  wouldLike: string | null;
}

export type RequestStatus = 'accepted' | 'adjusted' | 'declined';

export interface RequestResponse {
  status: RequestStatus;
  /** The adjusted version of the request, only with status 'adjusted'. */
  adjustment: string | null;
}

export interface ConversationState {
  /** The id of the pause that led into it; kept while the conversation lasts (a good key for drafts). */
  id: string;
  startedAt: number;
  step: ConversationStep;
  /** Who started the pause that led into it (the earliest pauser); breaks a tie in `suggestFirstSpeaker`. */
  pausedFirst: string | null;
  /** Check-in activation, 0–10, per device. Cleared when the couple comes back from a new break while still at check-in. */
  checkin: Record<string, number>;
  /** Devices that chose to go ahead although one of the check-in ratings is above the threshold. */
  goAhead: string[];
  /** Each person's released preparation card. */
  cards: Record<string, SharedCard>;
  /** The turn in progress (step 'turns' only). */
  turn: CurrentTurn | null;
  /** Finished turns, in order. */
  heard: HeardTurn[];
  /** Each person's repair and plan, by author. */
  repair: Record<string, RepairEntry>;
  /** Answers to the partner's request, keyed by the one who answers. */
  responses: Record<string, RequestResponse>;
  /** The last 0–10 rating at the summary, per device. */
  closing: Record<string, number>;
  /**
   * At the summary: who tapped "Back to normal". The couple goes back to normal only when both have,
   * so neither phone is pulled out before its last rating.
   */
  leaving: string[];
  /** Before the summary: "Back to normal without talking", asked by one and waiting for the other's answer. */
  closeRequest: { by: string; at: number } | null;
}

/** The one 0–10 scale (shared/break/ratings.ts): above CALM_ENOUGH suggests more time; at or below it is a good sign. */
export { ACTIVATION_MAX as RATING_MAX, ACTIVATION_MIN as RATING_MIN, CALM_ENOUGH } from '../break/ratings.js';

/** The device that paused first (a tie keeps the stored order). */
function earliestPauser(pause: PauseView): string | null {
  let first: PauseView['pausers'][number] | undefined;
  for (const p of pause.pausers) if (!first || p.startedAt < first.startedAt) first = p;
  return first?.deviceId ?? null;
}

/** A fresh conversation, made when both say "I'm ready" after the pause. */
export function openConversation(pause: PauseView, now: number): ConversationState {
  return {
    id: pause.id,
    startedAt: now,
    step: 'checkin',
    pausedFirst: earliestPauser(pause),
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
  };
}

/**
 * Coming back from a new break taken mid-conversation: they resume where they were. Only a check-in
 * is asked afresh (the ratings described how they felt before the break).
 */
export function resumeConversation(conversation: ConversationState): ConversationState {
  if (conversation.step !== 'checkin') return conversation;
  return { ...conversation, checkin: {}, goAhead: [] };
}
