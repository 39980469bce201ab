/** Display helpers shared by every screen that shows a deadline. */

/**
 * mm:ss, or h:mm:ss from an hour up. Rounded to the nearest second: the clock offset is only good
 * to a few milliseconds, and rounding up would show a fresh 20-minute break as 20:01.
 */
export function formatCountdown(ms: number): string {
  const total = shownSeconds(ms);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`;
  return `${String(minutes).padStart(2, '0')}:${seconds}`;
}

let clockFormat: Intl.DateTimeFormat | undefined;

/** Hour and minute in the reader's own locale ("8:40 PM", "20:40"). */
export function formatClockTime(epochMs: number): string {
  clockFormat ??= new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
  return clockFormat.format(epochMs);
}

/** The whole seconds a countdown shows for `ms` left. */
function shownSeconds(ms: number): number {
  return Math.round(Math.max(0, ms) / 1000);
}

/**
 * Whole minutes left, as the countdown beside it reads: "30:00" is 30 min, "29:59" still 30 min.
 * Rounded up from the shown seconds, not from the raw milliseconds, so the few milliseconds a fresh
 * deadline is ahead of this phone's clock never add a minute ("in 31 min" beside 30:00).
 */
export function minutesLeft(ms: number): number {
  return Math.ceil(shownSeconds(ms) / 60);
}
