import { describe, expect, test } from 'vitest';
import {
  checkStatement,
  PROTEST_KINDS,
  NEED_IDS,
  type ProtestKind,
  type StatementCheck,
} from '../../shared/checker/index.js';
import { buildHint, type Hint, type HintChoices } from '../../shared/checker/hint.js';
import { baseVerb, tidy, wanted } from '../../shared/checker/hint-text.js';
import { NEED_PHRASES } from '../../shared/checker/reframe.js';
import { REWRITE_WORDS, hintCopy } from '../../client/content/hint.js';

/**
 * A checker that reads every sentence as one protest kind, quoting its first two words: the rewrite is
 * tested on its own, whatever the real checker (rules today, a learned model tomorrow) decides.
 */
function protestAs(kind: ProtestKind) {
  return (text: string): StatementCheck => {
    const phrase = text.trim().split(/\s+/).slice(0, 2).join(' ');
    const start = text.indexOf(phrase);
    return {
      label: 'protest',
      confidence: 1,
      protests: [{ kind, phrase, start, end: start + phrase.length }],
      needs: [],
      feelings: [],
      highlights: [],
    };
  };
}

function protestHint(text: string, kind: ProtestKind, choices: HintChoices = {}): Extract<Hint, { type: 'protest' }> {
  const hint = buildHint(text, protestAs(kind), choices, REWRITE_WORDS);
  if (hint.type !== 'protest') throw new Error(`expected a protest hint for ${text}`);
  return hint;
}

/** Every sentence starts with a capital and ends with . or ?; nothing to fill in; nothing left of the attack. */
function expectWellFormed(rewrite: string, context: string) {
  const msg = `${context} → ${rewrite}`;
  expect(rewrite, msg).toMatch(/^[A-Z]/);
  expect(rewrite, msg).toMatch(/[.?]$/);
  expect(rewrite, msg).not.toMatch(/…|\.\.\.|_{2,}|\[|\]|\{|\}|<|>|\bX\b/);
  expect(rewrite, msg).not.toMatch(/\b(?:you|u) (?:never|always)\b/i);
  expect(rewrite, msg).not.toMatch(/\s{2,}|\s[,.?!]|,,|\.\.|\?\?/);
  expect(rewrite, msg).not.toMatch(/\p{Extended_Pictographic}/u);
  for (const sentence of rewrite.split(/(?<=[.?])\s+/)) {
    expect(sentence, msg).toMatch(/^[A-Z"“]/);
    expect(sentence.split(/\s+/).length, msg).toBeGreaterThanOrEqual(3);
  }
  expect(rewrite, msg).not.toMatch(/\bi\b/);
}

const STATEMENTS: readonly string[] = [
  'You never text me back when you are late.',
  'u never txt me back wtf',
  'you NEVER listen!!!',
  'YOU ALWAYS DO THIS',
  'You always walk away when I try to talk.',
  "you're always on your phone when we eat",
  'ur always on ur phone',
  'why cant you just listen to me for once',
  "Why don't you ever ask about my day?",
  'why do you always have to be right',
  'is it really that hard to close a cupboard door',
  'would it kill you to say thank you',
  'You never called me back yesterday.',
  'you never even tried',
  'You didnt even notice I cleaned the whole flat',
  'every time you go out you forget to tell me',
  'stop yelling at me',
  'You keep interrupting me',
  'oh great, another evening you managed to spoil 🙄',
  'wow thanks a lot 🙄🙄',
  'Nice work, genius.',
  'whatever. im done',
  "I don't care anymore, do what you want",
  'carry on like this and you will find out',
  'not sure how long I can keep doing this',
  'I have done the dishes 5 times this week and you did it once',
  'I still remember the birthday you forgot',
  'answer me right now',
  'we are sorting this out right now, not later',
  'pick up the phone pick up the phone PICK UP',
  'after everything I do for you, this is how you treat me',
  'I guess I just dont matter to you',
  'who were you texting last night??',
  "you were flirting with her and don't deny it",
  "It's not my fault you're always late",
  'it was a joke, relax',
  "I'm so tired of this. You never help. Every night I do the dishes alone and you just sit there 🙄",
  'Honestly? You never think about anyone but yourself. You always make plans without me. And then you act surprised when I get upset.',
  'k',
  'why??? 😡',
  'you never take the bins out\nyou never do the washing\nyou never help',
  'Can you not be so lazy for once',
  'You never say sorry or ever admit when you are wrong and it is exhausting',
  '😡😡 you never listen to a single thing I say 😡😡',
  'LOL ok whatever you say',
];

const CHOICES: ReadonlyArray<[string, HintChoices]> = [
  ['nothing picked', {}],
  ['a feeling', { feelings: ['scared'] }],
  ['a need', { needs: ['reassurance'] }],
  ['feelings and needs', { feelings: ['lonely', 'hurt'], needs: ['closeness', 'understanding'] }],
  ['own words', { feelings: ['I feel invisible'], needs: ['I need a heads-up.'] }],
];

describe('the suggested rewrite', () => {
  for (const kind of PROTEST_KINDS) {
    describe(kind, () => {
      test.each(STATEMENTS.map((s) => [s]))('%j makes complete sentences from what exists', (text) => {
        for (const [label, choices] of CHOICES) {
          const hint = protestHint(text, kind, choices);
          expectWellFormed(hint.rewrite, `${kind}, ${label}: ${JSON.stringify(text)}`);
          for (const f of choices.feelings ?? []) expect(hint.rewrite).toContain(f.replace(/^I feel /, ''));
          for (const n of choices.needs ?? []) {
            const phrase =
              n in NEED_PHRASES
                ? NEED_PHRASES[n as keyof typeof NEED_PHRASES]
                : n.replace(/^I need /, '').replace(/\.$/, '');
            expect(hint.rewrite).toContain(phrase);
          }
        }
      });
    });
  }

  test.each(STATEMENTS.map((s) => [s]))(
    'with the real checker, %j gets a complete rewrite or no correction at all',
    (text) => {
      for (const [, choices] of CHOICES) {
        const hint = buildHint(text, checkStatement, choices, REWRITE_WORDS);
        if (hint.type !== 'protest') continue;
        expectWellFormed(hint.rewrite, JSON.stringify(text));
        expect(hint.result).toContain(hint.rewrite);
        expect(text.toLowerCase()).toContain(hint.quote.toLowerCase());
      }
    },
  );

  test.each([
    ['You never text me back when you are late.', 'Could you text me back when you are late?'],
    ['u never txt me back wtf', 'Could you text me back?'],
    ['You never called me back yesterday.', 'Could you call me back?'],
    ["Why don't you ever ask about my day?", 'Could you ask about my day?'],
    ['is it really that hard to close a cupboard door', 'Could you close a cupboard door?'],
    ['you NEVER listen!!!', 'Could you listen?'],
    ['You didnt even notice I cleaned the whole flat', 'Could you notice I cleaned the whole flat?'],
  ])('turns "you never X" into a request for X: %j', (text, ask) => {
    expect(protestHint(text, 'criticism').rewrite).toContain(ask);
  });

  test.each([
    ['You always walk away when I try to talk.', 'when you walk away when I try to talk'],
    ["you're always on your phone when we eat", "when you're on your phone when we eat"],
    ['ur always on ur phone', "when you're on your phone"],
    ['stop yelling at me', "when you're yelling at me"],
    ['every time you go out you forget to tell me', 'when you go out you forget to tell me'],
    ['You keep interrupting me', 'when you keep interrupting me'],
  ])('turns "you always X" into the situation, keeping the topic: %j', (text, situation) => {
    const rewrite = protestHint(text, 'criticism', { feelings: ['hurt'], needs: ['trust'] }).rewrite;
    expect(rewrite).toBe(`I feel hurt ${situation}, and I need trust. Could we talk about it together?`);
  });

  test('a gentle start-up from the feeling, the situation and the need', () => {
    expect(
      protestHint('You always walk away', 'criticism', { feelings: ['scared'], needs: ['reassurance'] }).rewrite,
    ).toBe('I feel scared when you walk away, and I need reassurance. Could we talk about it together?');
    expect(protestHint('You always walk away', 'criticism').rewrite).toBe(
      "It's hard for me when you walk away. Could we talk about it together?",
    );
  });

  test('every need id reads inside the sentence', () => {
    for (const need of NEED_IDS) {
      expect(protestHint('you never help', 'criticism', { needs: [need] }).rewrite).toBe(
        `I need ${NEED_PHRASES[need]}. Could you help?`,
      );
    }
  });

  test('replaces only the sentences it was built from; the rest stays as written', () => {
    const text = 'We got home late again. You never ask how I am!';
    const hint = buildHint(text, checkStatement, { needs: ['closeness'] }, REWRITE_WORDS);
    expect(hint).toMatchObject({ type: 'protest', kind: 'criticism' });
    if (hint.type !== 'protest') return;
    expect(hint.quote).toBe('You never ask how I am!');
    expect(hint.result).toBe('We got home late again. I need closeness. Could you ask how I am?');
  });

  test('a "you never" beside an owned fear is heard, not corrected', () => {
    const hint = buildHint("I'm scared we are drifting. You never ask how I am!", checkStatement, {}, REWRITE_WORDS);
    expect(hint).toMatchObject({ type: 'warm', feeling: 'scared' });
  });

  test('lines without punctuation are sentences of their own; emoji after a flagged sentence go with it', () => {
    expect(
      protestHint('you never take the bins out\nyou never do the washing\nyou never help', 'criticism').result,
    ).toBe('Could you take the bins out?');
    expect(protestHint('Honestly? You never think about anyone but yourself.', 'criticism').rewrite).not.toMatch(
      /anyone\?/,
    );
    const hint = buildHint('why do you always leave??? 😡', checkStatement, {}, REWRITE_WORDS);
    expect(hint.type === 'protest' && hint.result).toBe(
      "It's hard for me when you leave. Could we talk about it together?",
    );
  });

  test('keeps line breaks around what it replaces', () => {
    const hint = buildHint(
      'Dinner is at 7.\nyou never help with the dishes\nThanks for the flowers.',
      checkStatement,
      {},
      REWRITE_WORDS,
    );
    expect(hint.type === 'protest' && hint.result).toBe(
      'Dinner is at 7.\nCould you help with the dishes?\nThanks for the flowers.',
    );
  });
});

describe('the antidote for each kind', () => {
  const bare = (kind: ProtestKind) => protestHint('that was that', kind).rewrite;
  test.each([
    ['criticism', /^Could we talk about it together\?$/],
    ['contempt', /^I care about you, and this matters to me\. I need respect\./],
    ['defensiveness', /^I can see my part in this\./],
    ['withdrawal', /I need a short break\. I'll come back in 20 minutes/],
    ['threat', /^I'm scared of losing us\. I need reassurance\./],
    ['score-keeping', /just this one thing/],
    ['pursuit', /pick a time to talk/],
    ['guilt', /^Could we talk about it together\?$/],
    ['jealousy', /^I need reassurance\. Could you tell me we're okay\?$/],
  ] as const)('%s', (kind, shape) => {
    expect(bare(kind)).toMatch(shape);
    expect(hintCopy.antidote(kind).length).toBeGreaterThan(20);
  });

  test('guilt says the picked need directly', () => {
    expect(protestHint('after everything I do for you', 'guilt', { needs: ['appreciation'] }).rewrite).toBe(
      'I need appreciation. Could we talk about it together?',
    );
  });

  test('a break asked for, and when they will be back, even when their words hold a wish', () => {
    expect(protestHint('whatever, you never listen', 'withdrawal', { feelings: ['overwhelmed'] }).rewrite).toBe(
      "I feel overwhelmed. I need a short break. I'll come back in 20 minutes so we can keep talking.",
    );
  });

  test("the hint names the pattern with the person's own words", () => {
    const hint = protestHint('u never txt me back wtf', 'criticism');
    expect(hint.quote).toBe('u never txt me back wtf');
    expect(hintCopy.name(hint.quote, hint.kind)).toBe('“u never txt me back wtf” might land as criticism.');
  });
});

describe('owned feelings and needs get a warm acknowledgement, never a correction', () => {
  test.each([
    'I feel scared when you go quiet, and I need to know you are coming back.',
    'I need some reassurance tonight.',
    "I'm lonely and I miss you.",
    'Could we go for a walk together? I need some closeness.',
    "I'm scared because you never answer when you're out",
  ])('%j', (text) => {
    const hint = buildHint(text, checkStatement, { feelings: ['hurt'] }, REWRITE_WORDS);
    expect(hint.type).toBe('warm');
  });

  test('the warm words name the need it found', () => {
    const hint = buildHint('I need some reassurance tonight.', checkStatement, {}, REWRITE_WORDS);
    expect(hint).toEqual({ type: 'warm', feeling: null, need: 'reassurance' });
    expect(hintCopy.warm(null, 'reassurance')).toContain('reassurance');
  });

  test('plain logistics get nothing at all', () => {
    for (const text of ['Dinner is at 7.', 'I picked up the kids.', '', '   ', '🙂']) {
      expect(buildHint(text, checkStatement, {}, REWRITE_WORDS)).toEqual({ type: 'quiet' });
    }
  });
});

describe('reading flooded writing', () => {
  test('tidy expands shorthand, calms capitals and drops emoji', () => {
    expect(tidy('u NEVER txt me back 😡 wtf!!!')).toBe('you never text me back!');
    expect(tidy('ur always on ur phone')).toBe("you're always on your phone");
    expect(tidy('im soooo tired')).toBe("I'm so tired");
  });

  test('base verbs after "never"', () => {
    expect(
      [
        'called',
        'tried',
        'stopped',
        'noticed',
        'helped',
        'said',
        'forgot',
        'cared',
        'need',
        'asked',
        'texted',
        'changed',
        'used',
      ].map(baseVerb),
    ).toEqual([
      'call',
      'try',
      'stop',
      'notice',
      'help',
      'say',
      'forget',
      'care',
      'need',
      'ask',
      'text',
      'change',
      'use',
    ]);
  });

  test('a wish never puts the insult back', () => {
    expect(wanted('why are you so lazy').wish).toBeNull();
    expect(wanted('you never stop being so selfish').wish).toBeNull();
  });
});
