import { recentRating, type LastRating } from '../../shared/break/ratings';
import { read, save } from '../lib/storage';
import { lastRatingSchema } from '../lib/stored';
import { useConnectionStore } from '../stores/connection';
import { BREAK_KEY_PREFIX } from './keys';

/**
 * The latest 0–10 this person gave on this phone, wherever they gave it (the break, ending early, the
 * reconnect check-in, the close), so a screen a few minutes later reuses it instead of asking again.
 * Timed on the server's clock (this phone's clock plus the measured offset), the clock every deadline
 * uses; it never leaves the phone.
 */
const LAST_RATING_KEY = `${BREAK_KEY_PREFIX}lastRating`;

export function rememberRating(value: number): void {
  save(LAST_RATING_KEY, { value, at: useConnectionStore().serverNow } satisfies LastRating);
}

/** The rating to reuse now, or null when it is 10 minutes old or more (then it is asked again). */
export function reusableRating(): number | null {
  return recentRating(read(LAST_RATING_KEY, lastRatingSchema), useConnectionStore().serverNow);
}
