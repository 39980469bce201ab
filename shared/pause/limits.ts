/** Break lengths in minutes. The body needs about 20 minutes to settle; a pause must not outlive a day. */
export const MIN_BREAK_MINUTES = 20;
/**
 * Before this many minutes of one's own break, "I'm calm now" needs a fresh 0–10 rating at or under
 * CALM_ENOUGH (shared/break/ratings.ts) and a second tap: the body usually needs about this long.
 */
export const SETTLE_MINUTES = 20;
export const MAX_TOTAL_MINUTES = 24 * 60;
export const DEFAULT_BREAK_MINUTES = 20;
export const BREAK_PRESETS = [20, 30, 60, 120] as const;
/**
 * The check-in ladder: what "I need more" and "extend" may add (20 min, 1 h, 2 h, half a day). Its last
 * rung, "tomorrow", is an absolute time the pauser picks (`until`); every rung stays inside the cap.
 */
export const EXTEND_STEPS = [20, 60, 120, 360] as const;
export type ExtendStep = (typeof EXTEND_STEPS)[number];
/** "Tomorrow" is offered at this local hour unless the pauser picks another time. */
export const TOMORROW_DEFAULT_HOUR = 9;

/** How "I need more" adds time: a rung of the ladder, or until a picked time ("tomorrow"). */
export type Extension = { minutes: ExtendStep } | { until: number };

export const MINUTE_MS = 60_000;
export const MAX_TOTAL_MS = MAX_TOTAL_MINUTES * MINUTE_MS;
export const SETTLE_MS = SETTLE_MINUTES * MINUTE_MS;

/** The latest deadline a pause that started at `startedAt` may have. */
export function capOf(startedAt: number): number {
  return startedAt + MAX_TOTAL_MS;
}
