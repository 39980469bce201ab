import { recentRating, type LastRating } from '../../shared/break/ratings';
import { load, save } from '../lib/storage';
import { BREAK_KEY_PREFIX } from './keys';

/**
 * The latest 0–10 this person gave on this phone, wherever they gave it (the break, ending early, the
 * reconnect check-in, the close), so a screen a few minutes later reuses it instead of asking again.
 * Local time: it never leaves the phone.
 */
const LAST_RATING_KEY = `${BREAK_KEY_PREFIX}lastRating`;

export function rememberRating(value: number, at = Date.now()): void {
  save(LAST_RATING_KEY, { value, at } satisfies LastRating);
}

/** The rating to reuse now, or null when it is 10 minutes old or more (then it is asked again). */
export function reusableRating(now = Date.now()): number | null {
  return recentRating(load<LastRating>(LAST_RATING_KEY), now);
}
