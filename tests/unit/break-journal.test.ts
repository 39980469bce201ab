import { describe, expect, test } from 'vitest';
import { createBreakStorage, memoryStore, type KeyValueStore } from '../../client/break/storage.js';
import { MAX_TEXT_CHARS, emptyJournal, parseJournal } from '../../shared/break/journal.js';

const JOURNAL_KEY = 'breather.break.journal.p1';

function setup() {
  const store = memoryStore();
  return { store, storage: createBreakStorage(store, () => 5_000) };
}

describe('urge check', () => {
  test('urges, own words and needs are saved for the pause and survive a reload', () => {
    const { store, storage } = setup();
    storage.saveUrgeCheck('p1', {
      urges: ['pursuit', 'other'],
      otherUrge: 'Drive over there',
      needs: ['reassurance', 'closeness'],
    });
    const reloaded = createBreakStorage(store).getBreakJournal('p1');
    expect(reloaded.urgeCheck).toEqual({
      urges: ['pursuit', 'other'],
      otherUrge: 'Drive over there',
      needs: ['reassurance', 'closeness'],
    });
    expect(reloaded.updatedAt).toBe(5_000);
  });

  test('saving one section leaves the others alone', () => {
    const { storage } = setup();
    storage.saveRating('p1', 'before', 8);
    storage.saveNotes('p1', 'breathe');
    storage.saveUrgeCheck('p1', { urges: ['withdrawal'], otherUrge: '', needs: ['autonomy'] });
    storage.saveWitness('p1', {
      part: 'scared I will be left',
      bodyPlaces: ['chest'],
      body: '',
      kindWords: 'I see you',
    });
    storage.saveThoughts('p1', ['innocent-victim']);
    const j = storage.getBreakJournal('p1');
    expect(j.ratings.before?.value).toBe(8);
    expect(j.notes).toBe('breathe');
    expect(j.urgeCheck.needs).toEqual(['autonomy']);
    expect(j.witness.part).toBe('scared I will be left');
    expect(j.thoughts).toEqual(['innocent-victim']);
  });

  test('unknown or repeated ids from storage are dropped, known ones kept', () => {
    const j = parseJournal('p1', {
      urgeCheck: { urges: ['pursuit', 'stalking', 'pursuit'], otherUrge: 3, needs: ['trust', 7] },
    });
    expect(j.urgeCheck).toEqual({ urges: ['pursuit'], otherUrge: '', needs: ['trust'] });
  });
});

describe('notepad', () => {
  test('autosave keeps the latest text for this pause only', () => {
    const { storage } = setup();
    storage.saveNotes('p1', 'I');
    storage.saveNotes('p1', 'I am');
    storage.saveNotes('p1', 'I am okay');
    expect(storage.getBreakJournal('p1').notes).toBe('I am okay');
    expect(storage.getBreakJournal('p2').notes).toBe('');
  });

  test('very long text is capped rather than filling the device', () => {
    const { storage } = setup();
    storage.saveNotes('p1', 'x'.repeat(MAX_TEXT_CHARS + 100));
    expect(storage.getBreakJournal('p1').notes).toHaveLength(MAX_TEXT_CHARS);
  });

  test('a journal can be deleted', () => {
    const { store, storage } = setup();
    storage.saveNotes('p1', 'private');
    storage.deleteBreakJournal('p1');
    expect(store.getItem(JOURNAL_KEY)).toBeNull();
    expect(storage.getBreakJournal('p1')).toEqual(emptyJournal('p1'));
  });
});

describe('storage that misbehaves', () => {
  test('corrupt JSON reads as an empty journal', () => {
    const { store, storage } = setup();
    store.setItem(JOURNAL_KEY, '{not json');
    expect(storage.getBreakJournal('p1')).toEqual(emptyJournal('p1'));
  });

  test('one bad section does not wipe the rest', () => {
    const { store, storage } = setup();
    store.setItem(JOURNAL_KEY, JSON.stringify({ notes: 'keep me', witness: 'garbage', ratings: 12 }));
    const j = storage.getBreakJournal('p1');
    expect(j.notes).toBe('keep me');
    expect(j.witness).toEqual(emptyJournal('p1').witness);
    expect(j.ratings).toEqual({});
  });

  test('a store that throws (private mode, full disk) never throws at the caller', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const storage = createBreakStorage(broken);
    expect(() => storage.saveNotes('p1', 'still here')).not.toThrow();
    expect(storage.saveNotes('p1', 'still here').notes).toBe('still here');
    expect(() => storage.deleteBreakJournal('p1')).not.toThrow();
    expect(storage.getBreakJournal('p1')).toEqual(emptyJournal('p1'));
  });
});

describe('breathing preferences', () => {
  test('default to the 4/6 pace with vibration off, and persist changes', () => {
    const { store, storage } = setup();
    expect(storage.getBreathingPrefs()).toEqual({ presetId: '4-6', vibrate: false });
    storage.saveBreathingPrefs({ presetId: '5-7', vibrate: true });
    expect(createBreakStorage(store).getBreathingPrefs()).toEqual({ presetId: '5-7', vibrate: true });
  });
});
