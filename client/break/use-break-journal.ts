import { ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { BreakJournal, UrgeCheck, WitnessEntry } from '../../shared/break/journal';
import type { ThoughtId } from '../../shared/break/needs';
import type { RatingMoment } from '../../shared/break/ratings';
import { breakStorage, type BreakStorage } from './storage';

/**
 * The journal of one pause as a reactive value. Every save writes through to this device's storage
 * at once, so closing the tab mid-sentence loses nothing.
 */
export function useBreakJournal(pauseId: MaybeRefOrGetter<string>, storage: BreakStorage = breakStorage) {
  const journal = ref<BreakJournal>(storage.getBreakJournal(toValue(pauseId)));
  watch(
    () => toValue(pauseId),
    (id) => (journal.value = storage.getBreakJournal(id)),
  );
  const id = () => toValue(pauseId);

  return {
    journal,
    saveRating: (moment: RatingMoment, value: number | null) =>
      (journal.value = storage.saveRating(id(), moment, value)),
    saveWitness: (witness: WitnessEntry) => (journal.value = storage.saveWitness(id(), witness)),
    saveUrgeCheck: (check: UrgeCheck) => (journal.value = storage.saveUrgeCheck(id(), check)),
    saveThoughts: (thoughts: ThoughtId[]) => (journal.value = storage.saveThoughts(id(), thoughts)),
    saveNotes: (notes: string) => (journal.value = storage.saveNotes(id(), notes)),
  };
}
