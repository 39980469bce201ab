/**
 * Every refusal the server can send. Refusals carry a code and, where the wording needs them, numbers;
 * never a sentence: the client maps them to calm, plain copy (client/content/errors.ts), in its language.
 */
export const ERROR_CODES = [
  'bad_request',
  'unknown_event',
  'too_large',
  'unauthorized',
  'not_linked',
  'rate_limited',
  'invite_not_found',
  'invite_expired',
  'invite_locked',
  'couple_full',
  'already_linked',
  'already_pausing',
  'no_pause',
  'not_your_pause',
  'not_time_yet',
  'over_limit',
  'stale_seq',
  'wrong_phase',
  'partner_missing',
  'not_yours',
  'already_delivered',
  /** A held message this phone's person has no such id for (or it is already on the partner's phone). */
  'not_found',
  /** Reconnect conversation: not this step (or not this stage of the turn). */
  'wrong_step',
  /** Reconnect conversation: the other person's move (the listener confirming, the speaker paraphrasing…). */
  'not_your_turn',
  /** Reconnect conversation: already shared / submitted / answered, which happens once. */
  'already_done',
  /** Reconnect conversation: the partner has made no request to answer (yet). */
  'no_request',
  /** The time-out agreement changed since the person looked at it: they see the latest and accept again. */
  'agreement_changed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The numbers a refusal's wording may need (validated on the wire by `errorParamsSchema`, error-schema.ts). */
export interface ErrorParams {
  /** Lower bound in minutes (a break's shortest, a usual break's shortest). */
  minMinutes?: number;
  /** Upper bound in minutes (a break's longest, a usual break's longest). */
  maxMinutes?: number;
  /** A count that may not be exceeded (messages held in one break). */
  limit?: number;
  /** The latest moment allowed, epoch ms (a break's cap, a time to talk later). */
  latest?: number;
}

export interface Refusal {
  code: ErrorCode;
  params?: ErrorParams;
}

export interface AckError {
  error: Refusal;
}
export type Ack<T> = { data: T } | AckError;

export function isAckError<T>(ack: Ack<T>): ack is AckError {
  return 'error' in ack;
}
