/**
 * What a Web Push message carries. Neutral by rule: no names, no reassurance, no entry text,
 * nothing a lock screen or a push service should see. The server does not know the phone's time
 * zone, so a deadline travels as a timestamp and the service worker words it locally.
 */
export type PushKind = 'pause_started' | 'time_up';

export interface PushPayload {
  v: 1;
  kind: PushKind;
  title: string;
  /** Fallback wording; the service worker composes its own from `kind` and `endsAt`. */
  body: string;
  /** One notification per pause and kind: a repeat replaces instead of stacking. */
  tag: string;
  /** The pauser's own return time (pause_started) or the shared deadline (time_up), epoch ms. */
  endsAt: number;
}

export const PUSH_TITLE = 'Breather';

export const PUSH_TEXT = {
  pauseStarted: 'Your partner is taking a break.',
  pauseStartedUntil: (time: string) => `Your partner is taking a break. Back at ${time}.`,
  timeUp: 'Time to check in',
} as const;

/** The wording a phone shows, with the time in its own zone and locale ("8:40 pm"). */
export function notificationBody(
  payload: Pick<PushPayload, 'kind' | 'endsAt'>,
  formatTime: (epochMs: number) => string,
): string {
  if (payload.kind === 'time_up') return PUSH_TEXT.timeUp;
  return Number.isFinite(payload.endsAt)
    ? PUSH_TEXT.pauseStartedUntil(formatTime(payload.endsAt))
    : PUSH_TEXT.pauseStarted;
}

/** Longest subscription endpoint accepted (real ones are a few hundred bytes). */
export const PUSH_ENDPOINT_MAX = 1024;
