import { ERROR_CODES, type ErrorCode, type ErrorParams } from '../../shared/contracts/errors';
import { formatClockTime } from '../../shared/time/format';
import { duration } from './copy';

/** Codes the phone gives itself: the server never heard the request, or its answer never came. */
export type LocalErrorCode = 'offline' | 'timeout';
export interface ShownError {
  code: ErrorCode | LocalErrorCode;
  params?: ErrorParams;
}

type Words = (params: ErrorParams) => string;

/**
 * The sentence for every refusal, by code. A `Record` over every code, so a new code does not
 * compile until it has words. Numbers come from the refusal itself, never from copies of the rules.
 */
export const errorCopy: Record<ErrorCode | LocalErrorCode, Words> = {
  offline: () => "You're offline. Check your connection and try again.",
  timeout: () => 'No answer from the server. Try again in a moment.',
  bad_request: ({ minMinutes, maxMinutes, latest }) => {
    if (minMinutes !== undefined && maxMinutes !== undefined)
      return `Choose from ${duration(minMinutes)} to ${duration(maxMinutes)}.`;
    if (minMinutes !== undefined) return `A break lasts at least ${duration(minMinutes)}.`;
    if (latest !== undefined) return `Pick a time before ${formatClockTime(latest)}.`;
    return 'That was not understood. Have another look and try again.';
  },
  unknown_event: () => 'This app needs an update. Reload the page.',
  too_large: () => 'That is too long to send. Try something shorter.',
  unauthorized: () => 'This phone is not linked any more.',
  not_linked: () => 'This phone is not linked.',
  rate_limited: () => 'That was a lot at once. Wait a few minutes and try again.',
  invite_not_found: () => "That code doesn't work. Check it, or ask for a new one.",
  invite_expired: () => 'This code has expired. Ask for a new one.',
  invite_locked: () => 'This code was tried too many times. Ask for a new one.',
  couple_full: () => 'Two phones are already linked here.',
  already_linked: () => 'This phone is already linked.',
  already_pausing: () => 'You are already taking a break.',
  no_pause: () => 'The break is already over.',
  not_your_pause: () => 'Only the person taking the break can change it.',
  not_time_yet: () => 'Not yet: the break goes on. More time helps.',
  over_limit: ({ maxMinutes, limit, latest }) => {
    if (latest !== undefined)
      return `A break can go on until ${formatClockTime(latest)}. Then it is time to talk, or to agree on a time to talk.`;
    if (maxMinutes !== undefined)
      return `A break can last up to ${duration(maxMinutes)} in all. Choose a shorter time.`;
    if (limit !== undefined) return `You can hold up to ${limit} messages in one break.`;
    return 'That is more than fits here.';
  },
  stale_seq: () => 'Something changed a moment ago. Here is the latest.',
  wrong_phase: () => 'That is not for now. Here is where you both are.',
  partner_missing: () => 'Link with your partner first.',
  not_yours: () => 'That belongs to your partner.',
  already_delivered: () => 'That message has already been sent to your partner.',
  not_found: () => 'That message is not here any more. It may have been sent or deleted already.',
  wrong_step: () => 'That step is done or still ahead. Here is where you both are.',
  not_your_turn: () => 'This one is for your partner.',
  already_done: () => 'You have already done this part.',
  no_request: () => 'There is nothing to answer.',
  agreement_changed: () => 'Your agreement just changed. Here is the latest: look at it again.',
  internal: () => 'Something went wrong on our side. Try again.',
};

const KNOWN = new Set<string>([...ERROR_CODES, 'offline', 'timeout']);

/** What to show for a refusal. A code this version does not know (a newer server) reads as a plain failure. */
export function errorText(error: ShownError): string {
  const words = KNOWN.has(error.code) ? errorCopy[error.code] : errorCopy.internal;
  return words(error.params ?? {});
}
