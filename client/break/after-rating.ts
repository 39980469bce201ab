import { isActivation } from '../../shared/break/ratings';
import { read } from '../lib/storage';
import { journalRatingsSchema } from '../lib/stored';
import { journalKey } from './keys';

/**
 * The "after" check-in already given for a pause, read straight from the journal without its full
 * parser, so the check-in screen knows it after a reload without loading the companion's code.
 */
export function storedAfterRating(pauseId: string): number | null | undefined {
  const journal = read(journalKey(pauseId), journalRatingsSchema);
  const after = journal?.ratings?.after;
  if (!after) return undefined;
  return isActivation(after.value) ? after.value : null;
}
