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
    ['tally', 'fifth saturday in a row on my own'],
    ['tally', 'Who sorted the insurance? Who booked the vet? Not you.'],
    ['contact', 'hellooo? hello?? ring me'],
    ['contact', "I'm outside your work, come down"],
    ['shutdown', 'off to bed. dont wait up'],
    ['shutdown', 'mhm'],
  ])('%s', (tone, text) => {
    expect(cues(text)).toContain(`t:${tone}`);
  });

  test('a break with a return time is not read as a reach for contact', () => {
    expect(cues("I'd like twenty minutes, then I'll come back to this at nine.")).not.toContain('t:contact');
  });

  test('an owned fear that names what the partner does sets off no kind cue', () => {
    const found = cues("I'm scared when you never ask how my day was.");
    for (const tone of ['counter', 'martyr', 'mockery', 'leaving']) expect(found).not.toContain(`t:${tone}`);
  });
});
