/**
 * "Tomorrow" on the ladder: a clock time the pauser picks (9:00 unless they change it), reckoned in
 * their phone's own time zone and sent to the server as an absolute time. All times here are the
 * phone's local epoch ms; callers convert to and from server time with the clock offset.
 */

/** The first moment after `afterMs` when the local clock reads `hour`:`minute`. */
export function nextClockTime(afterMs: number, hour: number, minute: number): number {
  const d = new Date(afterMs);
  d.setHours(hour, minute, 0, 0);
  if (d.getTime() <= afterMs) d.setDate(d.getDate() + 1);
  return d.getTime();
}

/** The local midnight that starts the day after `ms`. */
export function nextMidnight(ms: number): number {
  const d = new Date(ms);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}

/** "HH:MM" for an `<input type="time">`. */
export function timeInputValue(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Hours and minutes from an `<input type="time">` value, or null if it is not one. */
export function parseTimeInput(value: string): { hour: number; minute: number } | null {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour < 24 && minute < 60 ? { hour, minute } : null;
}

/**
 * A server time on this phone's clock, to the nearest second: a time the other phone picked ("9:00")
 * must not show as "8:59" because the two phones' clock offsets differ by a few milliseconds.
 */
export function onLocalClock(serverMs: number, offsetMs: number): number {
  return Math.round((serverMs - offsetMs) / 1000) * 1000;
}
