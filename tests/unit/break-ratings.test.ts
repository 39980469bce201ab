import { describe, expect, test } from 'vitest';
import {
  activationDrop,
  hasAnswered,
  isActivation,
  recentRating,
  recordRating,
  RECENT_RATING_MS,
  suggestMoreTime,
} from '../../shared/break/ratings.js';
import { createBreakStorage, memoryStore } from '../../client/break/storage.js';

function setup() {
  let clock = 1_000;
  const store = memoryStore();
  const storage = createBreakStorage(store, () => clock);
  return { store, storage, tick: (ms: number) => (clock += ms) };
}

describe('suggestMoreTime', () => {
  test('4 and below is calm enough; 5 and above suggests more time', () => {
    expect(suggestMoreTime(4)).toBe(false);
    expect(suggestMoreTime(5)).toBe(true);
    expect(suggestMoreTime(0)).toBe(false);
    expect(suggestMoreTime(10)).toBe(true);
  });

  test('a skipped or missing rating suggests nothing', () => {
    expect(suggestMoreTime(null)).toBe(false);
    expect(suggestMoreTime(undefined)).toBe(false);
  });
});

describe('ratings (pure)', () => {
  test('only whole numbers 0–10 count as ratings', () => {
    expect([0, 5, 10].every(isActivation)).toBe(true);
    expect([-1, 11, 4.5, NaN, '3', null].some(isActivation)).toBe(false);
  });

  test('records before and after without losing the other', () => {
    const r = recordRating(recordRating({}, 'before', 8, 1), 'after', 3, 2);
    expect(r).toEqual({ before: { value: 8, at: 1 }, after: { value: 3, at: 2 } });
    expect(activationDrop(r)).toBe(5);
  });

  test('a skip counts as answered, so the question is not asked again', () => {
    const r = recordRating({}, 'before', null, 1);
    expect(hasAnswered(r, 'before')).toBe(true);
    expect(hasAnswered(r, 'after')).toBe(false);
    expect(activationDrop(r)).toBeNull();
  });

  test('an out-of-range value is stored as a skip', () => {
    expect(recordRating({}, 'after', 42, 1).after).toEqual({ value: null, at: 1 });
  });
});

describe('rating persistence per pause id', () => {
  test('before and after are kept on the device for that pause', () => {
    const { storage, tick } = setup();
    storage.saveRating('pause-1', 'before', 9);
    tick(20 * 60_000);
    storage.saveRating('pause-1', 'after', 4);
    expect(storage.getBreakJournal('pause-1').ratings).toEqual({
      before: { value: 9, at: 1_000 },
      after: { value: 4, at: 1_000 + 20 * 60_000 },
    });
  });

  test('different pauses do not share ratings', () => {
    const { storage } = setup();
    storage.saveRating('pause-1', 'before', 9);
    storage.saveRating('pause-2', 'before', 2);
    expect(storage.getBreakJournal('pause-1').ratings.before?.value).toBe(9);
    expect(storage.getBreakJournal('pause-2').ratings.before?.value).toBe(2);
    expect(storage.getBreakJournal('pause-3').ratings).toEqual({});
  });

  test('survives a reload: a new storage over the same store reads the same ratings', () => {
    const { store, storage } = setup();
    storage.saveRating('pause-1', 'before', 7);
    storage.saveRating('pause-1', 'after', null);
    const reloaded = createBreakStorage(store);
    const { ratings } = reloaded.getBreakJournal('pause-1');
    expect(ratings.before?.value).toBe(7);
    expect(hasAnswered(ratings, 'after')).toBe(true);
    expect(ratings.after?.value).toBeNull();
  });

  test('a tampered rating is read back as a skip, not trusted', () => {
    const { store, storage } = setup();
    storage.saveRating('pause-1', 'before', 6);
    const key = 'breather.break.journal.pause-1';
    const raw = JSON.parse(store.getItem(key) ?? '{}') as { ratings: { before: { value: number } } };
    raw.ratings.before.value = 99;
    store.setItem(key, JSON.stringify(raw));
    expect(storage.getBreakJournal('pause-1').ratings.before).toEqual({ value: null, at: 1_000 });
  });
});

describe('recentRating: not asked again within 10 minutes', () => {
  test('a rating from under 10 minutes ago is reused; from 10 minutes on it is asked again', () => {
    const at = 50_000_000;
    expect(RECENT_RATING_MS).toBe(10 * 60_000);
    expect(recentRating({ value: 3, at }, at)).toBe(3);
    expect(recentRating({ value: 0, at }, at + RECENT_RATING_MS - 1)).toBe(0);
    expect(recentRating({ value: 3, at }, at + RECENT_RATING_MS)).toBeNull();
  });

  test('nothing, a broken record or a time in the future asks again', () => {
    expect(recentRating(null, 1)).toBeNull();
    expect(recentRating(undefined, 1)).toBeNull();
    expect(recentRating({ value: 11, at: 1 }, 2)).toBeNull();
    expect(recentRating({ value: 3, at: Number.NaN }, 2)).toBeNull();
    expect(recentRating({ value: 3, at: 5_000 }, 1_000)).toBeNull();
  });
});
