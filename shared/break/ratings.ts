/**
 * The one activation scale (0–10) every question on every screen uses: when a break starts, when it
 * ends early or its time is up, at the reconnect check-in and at the close. Its words live in one
 * place too (client/content/break.ts `activationScale`).
 */

export const ACTIVATION_MIN = 0;
export const ACTIVATION_MAX = 10;
/** At or below this, reconnecting is likely to go well (brief: "≤ 4 is a good sign"). */
export const CALM_ENOUGH = 4;

/** A rating given this recently still describes the person: it is reused, not asked again. */
export const RECENT_RATING_MS = 10 * 60_000;

export type RatingMoment = 'before' | 'after';

/** `value: null` records that the person chose to skip, so they are not asked again. */
export interface RatingEntry {
  value: number | null;
  at: number;
}

export interface ActivationRatings {
  before?: RatingEntry;
  after?: RatingEntry;
}

export function isActivation(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= ACTIVATION_MIN && (value as number) <= ACTIVATION_MAX;
}

/** Returns a new record; a value outside 0–10 is stored as a skip rather than trusted. */
export function recordRating(
  ratings: ActivationRatings,
  moment: RatingMoment,
  value: number | null,
  at: number,
): ActivationRatings {
  return { ...ratings, [moment]: { value: isActivation(value) ? value : null, at } };
}

export function hasAnswered(ratings: ActivationRatings, moment: RatingMoment): boolean {
  return ratings[moment] !== undefined;
}

/** Still above a 4 when the time is up: the body has not settled yet, so more time is the kind offer. */
export function suggestMoreTime(rating: number | null | undefined): boolean {
  return typeof rating === 'number' && rating > CALM_ENOUGH;
}

/** How far activation fell over the break; null unless both check-ins have a number. */
export function activationDrop(ratings: ActivationRatings): number | null {
  const before = ratings.before?.value;
  const after = ratings.after?.value;
  if (typeof before !== 'number' || typeof after !== 'number') return null;
  return before - after;
}

/** The latest rating this person gave on this phone, wherever they gave it. */
export interface LastRating {
  value: number;
  at: number;
}

/** The rating to reuse instead of asking again, or null when it is too old (or from the future: a clock that moved). */
export function recentRating(last: LastRating | null | undefined, now: number): number | null {
  if (!last || !isActivation(last.value) || !Number.isFinite(last.at)) return null;
  const age = now - last.at;
  return age >= 0 && age < RECENT_RATING_MS ? last.value : null;
}
