import { DEFAULT_PRESET_ID } from '../../shared/break/breathing';
import {
  emptyJournal,
  parseJournal,
  type BreakJournal,
  type UrgeCheck,
  type WitnessEntry,
} from '../../shared/break/journal';
import type { ThoughtId } from '../../shared/break/needs';
import { recordRating, type RatingMoment } from '../../shared/break/ratings';
import { BREAK_KEY_PREFIX, journalKey } from './keys';

/**
 * Private break notes, kept on this device only and keyed by pause id so a reload during the
 * break finds them again. Nothing here touches the network.
 */

/** The slice of the Web Storage API this module needs, so tests can pass a Map-backed store. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface BreathingPrefs {
  presetId: string;
  vibrate: boolean;
}

export { BREAK_KEY_PREFIX } from './keys';
const PREFS_KEY = `${BREAK_KEY_PREFIX}prefs`;

export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/** localStorage when the browser allows it; private modes that block it still get a working break. */
function browserStore(): KeyValueStore {
  try {
    const store = (globalThis as { localStorage?: KeyValueStore }).localStorage;
    if (store) return store;
  } catch {
    // Reading `localStorage` itself throws when site data is blocked.
  }
  return memoryStore();
}

export function createBreakStorage(store: KeyValueStore, now: () => number = Date.now) {
  function read(key: string): unknown {
    try {
      const raw = store.getItem(key);
      return raw === null ? undefined : JSON.parse(raw);
    } catch {
      return undefined;
    }
  }

  function write(key: string, value: unknown): void {
    try {
      store.setItem(key, JSON.stringify(value));
    } catch {
      // A full disk must not interrupt someone calming down; the note stays on screen.
    }
  }

  function getBreakJournal(pauseId: string): BreakJournal {
    const raw = read(journalKey(pauseId));
    return raw === undefined ? emptyJournal(pauseId) : parseJournal(pauseId, raw);
  }

  function update(pauseId: string, change: (journal: BreakJournal) => Partial<BreakJournal>): BreakJournal {
    const current = getBreakJournal(pauseId);
    const next: BreakJournal = { ...current, ...change(current), pauseId, updatedAt: now() };
    write(journalKey(pauseId), next);
    return next;
  }

  return {
    getBreakJournal,
    saveRating: (pauseId: string, moment: RatingMoment, value: number | null) =>
      update(pauseId, (j) => ({ ratings: recordRating(j.ratings, moment, value, now()) })),
    saveWitness: (pauseId: string, witness: WitnessEntry) => update(pauseId, () => ({ witness })),
    saveUrgeCheck: (pauseId: string, urgeCheck: UrgeCheck) => update(pauseId, () => ({ urgeCheck })),
    saveThoughts: (pauseId: string, thoughts: ThoughtId[]) => update(pauseId, () => ({ thoughts })),
    saveNotes: (pauseId: string, notes: string) => update(pauseId, () => ({ notes })),
    deleteBreakJournal: (pauseId: string) => {
      try {
        store.removeItem(journalKey(pauseId));
      } catch {
        // Storage that refuses access holds nothing to delete.
      }
    },
    getBreathingPrefs: (): BreathingPrefs => {
      const raw = read(PREFS_KEY) as Partial<BreathingPrefs> | undefined;
      return {
        presetId: typeof raw?.presetId === 'string' ? raw.presetId : DEFAULT_PRESET_ID,
        vibrate: raw?.vibrate === true,
      };
    },
    saveBreathingPrefs: (prefs: BreathingPrefs) => write(PREFS_KEY, prefs),
  };
}

export type BreakStorage = ReturnType<typeof createBreakStorage>;

/** The app-wide instance, backed by this browser's localStorage. */
export const breakStorage: BreakStorage = createBreakStorage(browserStore());
