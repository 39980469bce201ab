import { describe, expect, test } from 'vitest';
import {
  NEED_IDS,
  PROTEST_KINDS,
  checkStatement,
  fauxFeeling,
  normalize,
  type NeedId,
  type ProtestKind,
} from '../../shared/checker/index.js';
import { NEED_IDS as BREAK_NEED_IDS } from '../../shared/break/needs.js';
import { evaluate, parseStatements } from '../../shared/checker/metrics.js';

const kinds = (text: string) => checkStatement(text).protests.map((p) => p.kind);
const needs = (text: string) => checkStatement(text).needs.map((n) => n.need);

describe('ids', () => {
  test('are the corpus categories, and the need ids are the break tools\' ids', () => {
    expect(PROTEST_KINDS).toEqual(['criticism', 'contempt', 'defensiveness', 'withdrawal', 'threat', 'score-keeping', 'pursuit', 'guilt', 'jealousy']);
    expect(NEED_IDS).toBe(BREAK_NEED_IDS);
  });
});

describe('normalize', () => {
  test('expands texting shorthand and apostrophe-less contractions', () => {
    expect(normalize('u NEVER listen, ur so rude').text).toBe('you never listen, your so rude');
    expect(normalize('im done, dont txt me').text).toBe("i'm done, don't text me");
    expect(normalize('idc').text).toBe("i don't care");
    expect(normalize('I’m sooo tired').text).toBe("i'm so tired");
  });

  test('"ill" is "I\'ll" unless it means sick', () => {
    expect(normalize('ill call later').text).toBe("i'll call later");
    expect(normalize('im feeling ill').text).toBe("i'm feeling ill");
  });

  test('spots shouting', () => {
    expect(normalize('ANSWER YOUR PHONE').shouting).toBe(true);
    expect(normalize('I love NYC').shouting).toBe(false);
  });
});

describe('protest kinds, each with the phrase that triggered it', () => {
  const cases: ReadonlyArray<readonly [ProtestKind, string, string]> = [
    ['criticism', 'you never pick up after yourself', 'you never'],
    ['criticism', 'u always have an excuse', 'u always'],
    ['criticism', "You don't care how I feel.", "You don't care"],
    ['criticism', 'ur so lazy', 'ur so lazy'],
    ['criticism', 'I feel like you never make time for us.', 'I feel like you'],
    ['criticism', 'I felt that you were rude to my sister.', 'I felt that you'],
    ['contempt', 'Oh great, you broke it again.', 'Oh great'],
    ['contempt', 'wow, thanks a lot', 'wow, thanks a lot'],
    ['contempt', 'Nice work, genius.', 'genius'],
    ['contempt', "You're such an idiot.", "You're such an idiot"],
    ['defensiveness', "That's not my fault.", 'not my fault'],
    ['defensiveness', 'I only snapped because you kept pushing.', 'I only snapped because you'],
    ['withdrawal', "I'm done.", "I'm done"],
    ['withdrawal', 'whatever', 'whatever'],
    ['withdrawal', 'k.', 'k.'],
    ['withdrawal', 'forget it, I have nothing to say', 'forget it'],
    ['threat', 'maybe I should leave', 'maybe I should leave'],
    ['threat', "I'm done with this.", 'done with this'],
    ['threat', 'We should get a divorce.', 'divorce'],
    ['score-keeping', "I've done the laundry five weeks running and you did it once.", 'five weeks'],
    ['score-keeping', 'Last year you forgot my birthday too.', 'Last year you forgot'],
    ['pursuit', 'call me right now', 'call me right now'],
    ['pursuit', 'hello???', 'hello???'],
    ['pursuit', 'answer me', 'answer me'],
    ['pursuit', "why haven't you replied", "why haven't you replied"],
    ['guilt', 'if you loved me you would stay', 'if you loved me'],
    ['guilt', "After all I've done for this family...", "After all I've done"],
    ['jealousy', 'my ex always remembered our anniversary', 'my ex always remembered'],
    ['jealousy', 'At least someone notices me.', 'someone notices me'],
  ];
  test.each(cases)('%s: %j', (kind, text, phrase) => {
    const r = checkStatement(text);
    expect(r.label).toBe('protest');
    const hit = r.protests.find((p) => p.kind === kind);
    expect(hit, JSON.stringify(r.protests)).toBeDefined();
    expect(hit!.phrase.toLowerCase()).toContain(phrase.toLowerCase());
  });

  test('a statement can carry several kinds', () => {
    expect(kinds("It's your fault, and if you loved me you'd say sorry.")).toEqual(expect.arrayContaining(['criticism', 'guilt']));
  });

  test('quotes the original words, not the normalised ones', () => {
    const r = checkStatement('U NEVER listen');
    expect(r.protests[0]).toEqual({ kind: 'criticism', phrase: 'U NEVER' });
  });
});

describe('needs, each with the phrase that expresses it', () => {
  const cases: ReadonlyArray<readonly [NeedId, string, string]> = [
    ['reassurance', "Can you tell me we're okay?", "we're okay"],
    ['closeness', 'I miss you, can we spend the evening together?', 'miss you'],
    ['understanding', "I don't feel understood.", 'understood'],
    ['respect', "I'd like us to talk without yelling.", 'yelling'],
    ['appreciation', 'It would mean a lot if you noticed the effort I put in.', 'noticed'],
    ['autonomy', 'I need some space tonight.', 'space'],
    ['support', 'Could you help me with the kids this week?', 'help'],
    ['fairness', "I'd like us to share the housework more evenly.", 'housework'],
    ['trust', 'I need us to be honest about money.', 'honest'],
    ['rest', 'im exhausted, can we pick this up after i sleep', 'exhausted'],
    ['predictability', 'Please give me a heads up if plans change.', 'heads up'],
    ['affection', 'could we cuddle for a bit?', 'cuddle'],
  ];
  test.each(cases)('%s: %j', (need, text, phrase) => {
    const r = checkStatement(text);
    expect(r.label).toBe('need');
    const hit = r.needs.find((n) => n.need === need);
    expect(hit, JSON.stringify(r.needs)).toBeDefined();
    expect(hit!.phrase.toLowerCase()).toContain(phrase.toLowerCase());
  });

  test('a feeling without a named need points at the usual need underneath', () => {
    expect(needs('I felt so scared earlier.')).toContain('reassurance');
    expect(needs('i feel lonely')).toContain('closeness');
  });

  test('owned faux feelings are needs, with the need under the judgement', () => {
    const r = checkStatement('I felt ignored at dinner.');
    expect(r.label).toBe('need');
    expect(r.feelings).toContain('ignored');
    expect(r.needs.map((n) => n.need)).toContain('understanding');
  });
});

describe('general rules', () => {
  test('negation: an owned "I don\'t feel…" is a need, "you don\'t…" is criticism', () => {
    expect(checkStatement("I don't feel heard").label).toBe('need');
    expect(checkStatement('i dont feel heard').label).toBe('need');
    expect(checkStatement("you don't care").label).toBe('protest');
    expect(checkStatement('u dont listen').label).toBe('protest');
  });

  test('negated threats are not threats', () => {
    expect(kinds("I don't want to break up, I want to fix this.")).not.toContain('threat');
    expect(kinds("I'm not leaving you, I just need an hour.")).not.toContain('threat');
  });

  test('"I feel like you…" is a judgement dressed as a feeling', () => {
    expect(checkStatement("I feel like you're never here.").label).toBe('protest');
    expect(checkStatement('I feel lonely when you work late.').label).toBe('need');
  });

  test('questions: accusing vs asking', () => {
    expect(checkStatement('why do you always do this??').label).toBe('protest');
    expect(checkStatement('can we talk tonight?').label).toBe('need');
    expect(checkStatement('Did you remember to pay the electric bill?').label).toBe('neutral');
  });

  test('a strong protest cue beats a need frame', () => {
    expect(checkStatement('I need you to stop being so selfish.').label).toBe('protest');
  });

  test('a weak cue yields to an owned feeling', () => {
    expect(checkStatement("why didn't you tell me? I felt scared and alone").label).toBe('need');
  });

  test('fears about the partner are owned, not verdicts', () => {
    expect(checkStatement("I'm scared you don't love me anymore").label).toBe('need');
  });

  test('everyday words do not trigger protest', () => {
    for (const text of ["I'm done with the dishes.", "I'll leave at five.", 'I left you a plate.', 'Whatever you decide is fine with me.', "I'll pick the kids up as usual.", 'I need to buy milk.']) {
      expect(checkStatement(text).label, text).not.toBe('protest');
    }
  });

  test('facts and logistics are neutral', () => {
    for (const text of ['The car is at the garage.', 'back by 7', 'The kids are at grandmas', '']) {
      expect(checkStatement(text).label, text).toBe('neutral');
    }
  });
});

describe('fauxFeeling', () => {
  test('abandoned → scared, lonely, hurt → reassurance and closeness', () => {
    expect(fauxFeeling('abandoned')).toEqual({ feelings: ['scared', 'lonely', 'hurt'], need: 'reassurance', needs: ['reassurance', 'closeness'] });
  });

  test('accepts phrasing and variants', () => {
    expect(fauxFeeling('I feel Ignored!')?.need).toBe('understanding');
    expect(fauxFeeling('not appreciated')?.need).toBe('appreciation');
    expect(fauxFeeling('betrayed')?.need).toBe('trust');
    expect(fauxFeeling('disrespected')?.need).toBe('respect');
    expect(fauxFeeling('manipulated')?.feelings.length).toBeGreaterThan(0);
  });

  test('real feelings are not faux', () => {
    expect(fauxFeeling('scared')).toBeNull();
    expect(fauxFeeling('')).toBeNull();
  });
});

describe('metrics', () => {
  test('precision, recall, F1 and category recall', () => {
    const items = parseStatements(
      [
        '{"text":"a","label":"protest","kinds":["criticism","guilt"]}',
        '{"text":"b","label":"need","needs":["rest"]}',
        '',
        '{"text":"c","label":"neutral"}',
      ].join('\n'),
    );
    const r = evaluate(items, [
      { label: 'protest', kinds: ['criticism'], needs: [] },
      { label: 'protest', kinds: [], needs: [] },
      { label: 'neutral', kinds: [], needs: [] },
    ]);
    expect(r.n).toBe(3);
    expect(r.protest).toEqual({ precision: 0.5, recall: 1, f1: 0.6667 });
    expect(r.need).toEqual({ precision: 1, recall: 0, f1: 0 });
    expect(r.kind_recall).toBe(0.5);
    expect(r.needs_recall).toBe(0);
  });

  test('a malformed line names its number', () => {
    expect(() => parseStatements('{"text":"a","label":"protest"}\n{"text":"b"}')).toThrow(/line 2/);
  });
});
