import { describe, expect, test } from 'vitest';
import { checkStatement } from '../../shared/checker/index.js';
import type { StatementLabel } from '../../shared/checker/index.js';

/**
 * A held-out set written for this test, not taken or paraphrased from the dev corpus: texting
 * style, lower case, missing punctuation, negation, questions, sarcasm. It guards against rules
 * that only fit the dev sentences. The bar is "reasonable", not perfect: a rule-based checker
 * will miss some phrasings, and the UI only ever offers a gentle hint.
 */
const HELD_OUT: ReadonlyArray<readonly [string, StatementLabel]> = [
  // protest
  ['ugh u ALWAYS do this', 'protest'],
  ['why do u never put ur phone down when im talking', 'protest'],
  ["Honestly you're the most inconsiderate person I know.", 'protest'],
  ['wow. real mature.', 'protest'],
  ["Oh sure, because you're SO busy.", 'protest'],
  ["whatever, I'm going to bed, don't bother coming up", 'protest'],
  ['not talking about this anymore', 'protest'],
  ["I'm finished. Figure it out yourself.", 'protest'],
  ["One more time and I'm packing my bags.", 'protest'],
  ["Keep this up and you'll be sleeping alone for good.", 'protest'],
  ["i swear if you walk out that door we're done", 'protest'],
  ['I did every school run this month while you slept in.', 'protest'],
  ["That's three anniversaries in a row you've forgotten.", 'protest'],
  ['PICK UP. NOW.', 'protest'],
  ['where r u??? ive called like 5 times', 'protest'],
  ['hellooo?? why are you ignoring my texts', 'protest'],
  ["If I mattered to you at all you'd be here.", 'protest'],
  ["Fine, I'll just spend my birthday alone then, like I always do.", 'protest'],
  ['Funny how Sam always finds time to text me.', 'protest'],
  ["Maybe I'll see if my ex is free tonight.", 'protest'],
  ["Don't put this on me, you're the one who forgot.", 'protest'],
  ["Well maybe if you didn't nag so much I'd help more.", 'protest'],
  ["I feel like you don't even want to be here.", 'protest'],
  ['I feel that you only care about your job.', 'protest'],
  ['you dont give a damn about anyone but urself', 'protest'],
  ['lol ok', 'protest'],
  ['Nice job ruining dinner, as usual.', 'protest'],
  ['idc anymore do what u want', 'protest'],
  ["You're impossible to talk to.", 'protest'],
  ['you literally never help with anything', 'protest'],
  ['Are you even listening to me right now?', 'protest'],
  ["ok genius, what's your plan then", 'protest'],
  ["so now it's my fault that you're late?? unbelievable", 'protest'],
  ['Go ahead, ignore me like you always do.', 'protest'],
  ["I've asked you a hundred times to put the seat down.", 'protest'],
  ['pick up ur phone omg', 'protest'],
  ['dont even bother explaining', 'protest'],
  ["I'm so done with your excuses", 'protest'],
  ["If you can't commit, maybe I'll find someone who can.", 'protest'],
  ["you're pathetic honestly", 'protest'],
  ['Why is it always about your feelings and never mine?', 'protest'],
  ['Tell me who you were with. Now.', 'protest'],
  ["I guess my feelings don't matter to you.", 'protest'],
  ['Well you never ask about MY day, so why should I ask about yours?', 'protest'],
  ["My friends all think you're controlling.", 'protest'],
  ["I'm moving back to my mom's, we're finished.", 'protest'],
  ['silent treatment it is then', 'protest'],
  ["You're acting crazy.", 'protest'],
  ['Thanks for ruining my birthday.', 'protest'],
  // need
  ['i feel really alone tonight, could we talk for a bit?', 'need'],
  ["I don't feel respected when decisions get made without me.", 'need'],
  ['im so tired, can we finish this tomorrow pls', 'need'],
  ['Would you be up for a walk together after dinner?', 'need'],
  ["I'd feel safer if we checked in at lunch.", 'need'],
  ['I need you to be straight with me about the credit card.', 'need'],
  ["Could you take the bins out on Thursdays so I'm not doing all of it?", 'need'],
  ["I get nervous when I don't know what the plan is for the weekend.", 'need'],
  ['Can I have the evening to myself to read?', 'need'],
  ['A hug would really help right now.', 'need'],
  ["I'm feeling really overwhelmed with work and could use some help with dinner.", 'need'],
  ["When you finish my sentences I feel frustrated. I'd like to finish my thought.", 'need'],
  ['it would mean a lot if you noticed when i clean up', 'need'],
  ["I'm sorry I went quiet earlier. I was scared and didn't know what to say.", 'need'],
  ["A part of me is panicking that you're pulling away.", 'need'],
  ['I want us to decide together how we spend our savings.', 'need'],
  ['i miss us', 'need'],
  ["I'm nervous about tomorrow and would love a bit of encouragement.", 'need'],
  ['could u let me know if ur staying late tonight?', 'need'],
  ["I don't feel listened to, and I'd like us to try again tomorrow.", 'need'],
  ["I feel hurt and I'd like to understand what happened.", 'need'],
  ['Could we set a time each week to talk about money?', 'need'],
  ['i need some quiet time to get my head straight', 'need'],
  ["I'm anxious because I haven't heard from you; could you send a quick text when you can?", 'need'],
  ["I'd love it if you held my hand at the party.", 'need'],
  ["I'm scared we're drifting apart.", 'need'],
  ['Can we sit down together and sort out the chores?', 'need'],
  ['I need to know I can count on you when things get hard.', 'need'],
  ["I'd like to make my own decision about the job.", 'need'],
  ['I felt embarrassed when you corrected me in front of everyone.', 'need'],
  ['It would help me feel calmer if we lowered our voices.', 'need'],
  ['thank you for picking up the kids today, it really helped', 'need'],
  ['I want to hear your side before I decide anything.', 'need'],
  ['I feel really low and could use a hug.', 'need'],
  // neutral
  ['the dog needs to go to the vet thursday', 'neutral'],
  ["I'm picking up pizza on the way home.", 'neutral'],
  ['We talked about it on the drive back.', 'neutral'],
  ['The landlord emailed about the lease.', 'neutral'],
  ["I'll be at the gym until 7", 'neutral'],
  ['Your keys are on the counter.', 'neutral'],
  ['we ran out of coffee', 'neutral'],
  ['The movie starts at 8:15.', 'neutral'],
  ['I finished the report this morning.', 'neutral'],
  ["Grandma's flight lands at noon.", 'neutral'],
  ['We had the argument after dinner on Tuesday.', 'neutral'],
  ['The babysitter is booked for Saturday.', 'neutral'],
  ['I left my charger at work.', 'neutral'],
  ["I'm at the pharmacy, back in 10.", 'neutral'],
  ['The heating is broken again.', 'neutral'],
  ['We need to renew the car insurance by Friday.', 'neutral'],
  ['Traffic is terrible on the bridge.', 'neutral'],
  ['I put the laundry in the dryer.', 'neutral'],
  ['The school called about the trip.', 'neutral'],
];

describe('held-out statements', () => {
  test(`label accuracy is at least 85% over ${HELD_OUT.length} statements`, () => {
    const misses = HELD_OUT.filter(([text, label]) => checkStatement(text).label !== label);
    const accuracy = 1 - misses.length / HELD_OUT.length;
    expect(accuracy, `misclassified:\n${misses.map(([t, l]) => `  [${l}] ${t}`).join('\n')}`).toBeGreaterThanOrEqual(
      0.85,
    );
  });

  test('facts and logistics are almost never flagged as protest', () => {
    const neutral = HELD_OUT.filter(([, label]) => label === 'neutral');
    const flagged = neutral.filter(([text]) => checkStatement(text).label === 'protest');
    expect(flagged.length / neutral.length).toBeLessThanOrEqual(0.1);
  });

  test('each protest item comes with at least one kind and its phrase', () => {
    for (const [text, label] of HELD_OUT) {
      const r = checkStatement(text);
      if (label !== 'protest' || r.label !== 'protest') continue;
      expect(r.protests.length, text).toBeGreaterThan(0);
      for (const p of r.protests) expect(p.phrase.length, text).toBeGreaterThan(0);
    }
  });
});
