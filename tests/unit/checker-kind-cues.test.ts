import { describe, expect, test } from 'vitest';
import { extractFeatures } from '../../shared/checker/features.js';

const cues = (text: string) => [...extractFeatures(text).values.keys()].filter((k) => k.startsWith('t:'));

describe('kind cues: which protest an attack is, as features', () => {
  test.each([
    ['third-party', 'funny how your new coworker always needs you after hours'],
    ['checking-up', 'i went through your messages last night'],
    ['scare-quotes', 'Enjoy your "quick drink" then.'],
    ['martyr', "Don't worry about me, I'll just do everything myself as usual."],
    ['counter', 'What about you? You forget things all the time.'],
    ['leaving', "Keep this up and I'm packing a bag."],
    ['mockery', "Wow, you emptied the bin. I'm honoured."],
  ])('%s', (tone, text) => {
    expect(cues(text)).toContain(`t:${tone}`);
  });

  test('an owned fear that names what the partner does sets off no kind cue', () => {
    const found = cues("I'm scared when you never ask how my day was.");
    for (const tone of ['counter', 'martyr', 'mockery', 'leaving']) expect(found).not.toContain(`t:${tone}`);
  });
});
