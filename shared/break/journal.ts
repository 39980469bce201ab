// The mini build shares one small core with the client's storage checks (client/lib/stored.ts).
import * as z from 'zod/mini';
import {
  BODY_PLACE_IDS,
  NEED_IDS,
  THOUGHT_IDS,
  URGE_IDS,
  type BodyPlaceId,
  type NeedId,
  type ThoughtId,
  type UrgeId,
} from './needs.js';
import { isActivation, type ActivationRatings } from './ratings.js';

/** Everything one person notes privately during one pause. It never leaves their phone. */

export interface WitnessEntry {
  /** Completes "A part of me is…". */
  part: string;
  bodyPlaces: BodyPlaceId[];
  body: string;
  kindWords: string;
}

export interface UrgeCheck {
  urges: UrgeId[];
  otherUrge: string;
  needs: NeedId[];
}

export interface BreakJournal {
  pauseId: string;
  ratings: ActivationRatings;
  witness: WitnessEntry;
  urgeCheck: UrgeCheck;
  thoughts: ThoughtId[];
  notes: string;
  updatedAt: number | null;
}

/** Long enough for any real note, short enough that one break cannot fill the browser's storage. */
export const MAX_TEXT_CHARS = 5000;

export function emptyJournal(pauseId: string): BreakJournal {
  return {
    pauseId,
    ratings: {},
    witness: { part: '', bodyPlaces: [], body: '', kindWords: '' },
    urgeCheck: { urges: [], otherUrge: '', needs: [] },
    thoughts: [],
    notes: '',
    updatedAt: null,
  };
}

// Stored data may come from an older version or a hand-edited browser; each field falls back on its own
// so one bad value never wipes the rest of someone's notes.
const text = z.catch(
  z.pipe(
    z.string(),
    z.transform((s) => s.slice(0, MAX_TEXT_CHARS)),
  ),
  '',
);

function idList<T extends string>(ids: readonly T[]) {
  return z.catch(
    z.pipe(
      z.array(z.unknown()),
      z.transform((items) => [...new Set(items.filter((i): i is T => ids.includes(i as T)))]),
    ),
    [],
  );
}

const entry = z.catch(
  z.optional(
    z.pipe(
      z.object({ value: z.unknown(), at: z.number() }),
      z.transform((e) => ({ value: isActivation(e.value) ? e.value : null, at: e.at })),
    ),
  ),
  undefined,
);

const journalSchema = z.object({
  ratings: z.catch(z.object({ before: entry, after: entry }), () => ({})),
  witness: z.catch(
    z.object({ part: text, bodyPlaces: idList(BODY_PLACE_IDS), body: text, kindWords: text }),
    () => emptyJournal('').witness,
  ),
  urgeCheck: z.catch(
    z.object({ urges: idList(URGE_IDS), otherUrge: text, needs: idList(NEED_IDS) }),
    () => emptyJournal('').urgeCheck,
  ),
  thoughts: idList(THOUGHT_IDS),
  notes: text,
  updatedAt: z.catch(z.nullable(z.number()), null),
});

/** Reads whatever was stored for a pause; anything unreadable becomes an empty journal. */
export function parseJournal(pauseId: string, raw: unknown): BreakJournal {
  const parsed = z.safeParse(journalSchema, raw);
  if (!parsed.success) return emptyJournal(pauseId);
  const { before, after } = parsed.data.ratings;
  const ratings: ActivationRatings = {};
  if (before) ratings.before = before;
  if (after) ratings.after = after;
  return { ...parsed.data, pauseId, ratings };
}
