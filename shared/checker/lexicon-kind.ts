/**
 * Kind cues: shapes that say which protest an attack is rather than whether it is one. Jealousy
 * in particular rarely names itself: it brings a third person in, checks up on the partner, or
 * puts the partner's words in scare quotes (your "meeting"). Features only, like the tone
 * cues: the model learns how much each counts, for the label and for each kind.
 */
import type { ToneCue } from './lexicon-tone.js';
import { cue } from './pattern.js';

/** Patterns are kept as lists of alternatives, one readable piece a line. */
const any = (parts: readonly string[]) => cue(parts.join('|'));

const RIVAL_NOUN = [
  'ex',
  'colleague',
  'colleagues',
  'coworker',
  'co-worker',
  'intern',
  'boss',
  'secretary',
  'neighbou?r',
  'waiter',
  'waitress',
  'trainer',
  'assistant',
  'crush',
].join('|');

export const KIND_CUES: readonly ToneCue[] = [
  // Someone else in the picture: a rival, a comparison, other couples.
  {
    tone: 'third-party',
    pattern: any([
      '\\b(?:he|she|him|her|hers)\\b',
      `\\b(?:my|your|ur|the|new|that|his|her) (?:${RIVAL_NOUN})(?:'s)?\\b`,
      "\\b(?:other|everyone else's|everybody else's|my friends'|your friends') " +
        '(?:couples?|people|men|women|guys|girls|wives|husbands|partners?|boyfriends?|girlfriends?)\\b',
      "\\b(?:some|someone|somebody|anyone|anybody) (?:else|other)(?:'s)?\\b",
      "\\b(?:friend|mate|brother|sister|sister's|colleague)'s (?:partner|wife|husband|boyfriend|girlfriend)\\b",
      '\\b(?:flirt\\w*|cheat\\w*|affair|behind my back|seeing someone|other woman|other man)\\b',
    ]),
  },
  // Checking up: phones, messages, whereabouts, "who is it".
  {
    tone: 'checking-up',
    pattern: any([
      '\\b(?:check\\w*|went through|go(?:ing)? through|read|looked at|look(?:ing)? at|track\\w*|saw|seen|found) ' +
        '(?:your|ur) (?:phone|messages|texts|emails?|e-mails?|diary|dms|chats?|bank|location|history|receipts?|' +
        'search history|call log|instagram|insta|snap)\\b',
      '\\b(?:let me see|show me) (?:your|ur|who|the)\\b',
      '\\bwho (?:are|were|was|is) (?:you|he|she|that|it|this)\\b',
      "\\bwho(?:'s| is) (?:he|she|that|it|this|texting|messaging|calling)\\b",
      '\\bi know about\\b',
      '\\bi (?:found|saw|checked|read)\\b',
      '\\b(?:where were you|who were you with|who was that)\\b',
    ]),
  },
  // Someone's words held at arm's length: your "meeting" (normalising has already dropped single quotes).
  {
    tone: 'scare-quotes',
    pattern: any([`(?:^|[\\s(])['"‘“][a-z][^'"’”.!?]{0,24}['"’”](?=[\\s.,!?;:)]|$)`]),
  },
  // Hurt held up as the partner's doing, or suffering on show: guilt rather than a plain attack.
  {
    tone: 'martyr',
    pattern: any([
      '\\bbecause of you\\b',
      "\\b(?:look at |see )?what you(?:'ve| have)? (?:done|did) to me\\b",
      "\\bi(?:'m| am) (?:such|so much of|just) (?:a|an) (?:burden|inconvenience|bother|afterthought)\\b",
      "\\b(?:don't|do not|never) (?:let (?:that|me|it) stop you|trouble yourself|worry about me|mind me)\\b",
      '\\bif you (?:really|actually|truly|even) (?:cared|loved|wanted)\\b',
      "\\byou(?:'d| would) care (?:more|if)\\b",
      '\\b(?:at least )?(?:pretend(?:ed)?|bother(?:ed)?) to care\\b',
      "\\bi(?:'m| am) (?:clearly |obviously |just )?(?:the only one|not (?:a|your) priority|last on)\\b",
      "\\bi(?:'ll| will) (?:just )?do (?:it|everything) (?:all )?(?:myself|alone)\\b",
      "\\bi(?:'ll| will) (?:just )?sort (?:it|everything) out myself\\b",
      "\\b(?:after (?:all|everything) i(?:'ve| have)? (?:done|did|gave|sacrificed)|i gave up)\\b",
      '\\b(?:like an idiot|for nothing|all alone|on my own again)\\b',
      '\\bashamed of (?:you|how you)\\b',
    ]),
  },
  // The blame sent straight back, or the self held up as blameless: defensiveness.
  {
    tone: 'counter',
    pattern: any([
      '\\bwhat about (?:you|when you|the time you)\\b',
      '\\byou (?:do|did|say|said) (?:the )?(?:exact )?same\\b',
      "\\byou(?:'d| would)(?: have)? (?:done|said|do) the same\\b",
      '\\b(?:you|u) (?:also|too|as well)\\b|\\b(?:you|u) (?:\\w+ )?(?:too|either)\\s*[.!?]*$',
      "\\b(?:it's|its|it is) not like (?:you|u)\\b",
      '\\b(?:twisting|twist) my words\\b|\\bremember(?:ing)? it wrong\\b|\\bheard what you wanted\\b',
      '\\b(?:turn|turning|put|putting|pin|pinning|blame|blaming) (?:this|it|that|everything) (?:around )?on me\\b',
      "\\bturn(?:ing)? this around\\b|\\b(?:i'm|i am) (?:the bad guy|on trial|always the villain)\\b",
      "\\bcan't win\\b|\\bi(?:'m| am) doing my best\\b|\\bget off my back\\b|\\bcome at me\\b",
      "\\bi never said\\b|\\byou didn't (?:ask|tell|say) me to\\b|\\bi (?:did|already) apologi[sz]e\\b",
      '\\bmaking (?:a )?(?:big deal|mountain|drama|fuss)\\b',
      '\\bi (?:was )?just (?:responded|said|asked|joking|saying)\\b',
      '\\bnot (?:defensive|cheating|my fault)\\b|\\bof course i (?:forget|forgot)\\b|\\blook in (?:a|the) mirror\\b',
    ]),
  },
  // Leaving, or a consequence, held over the partner: a threat even when never finished.
  {
    tone: 'leaving',
    pattern: any([
      '\\b(?:leave|leaving|left|walk(?:ing)? out|move (?:out|my stuff)|moving out|pack(?:ed|ing)?|bags?)\\b',
      '\\b(?:divorce|lawyer|solicitor|separate|separating|break up|breaking up|hotel|spare room|flats)\\b',
      "\\b(?:it's|its|we're|we are|this is|i'm|im) (?:over|done|finished|out)\\b",
      '\\b(?:find|get) (?:a|someone|somebody) (?:better|else|new)\\b|\\bbetter one\\b',
      '\\b(?:permanent(?:ly)?|for good|throw in the towel|reconsidering|options|staying|end date)\\b',
      "\\b(?:i )?dare you\\b|\\btwo can play\\b|\\byou've got until\\b|\\bjust in case\\b",
      '\\b(?:tell|telling|call|calling) (?:your|ur) (?:parents|mum|mom|dad|boss|work|friends|family)\\b',
      "\\b(?:don't|dont) come (?:home|back)\\b|\\b(?:one|a) \\w+ (?:\\w+ )?away from\\b",
    ]),
  },
  // Mockery: the partner made small, a child, a joke.
  {
    tone: 'mockery',
    pattern: any([
      "\\bi(?:'m| am) (?:so )?(?:riveted|honou?red|impressed|shocked|flattered|touched|amazed)\\b",
      "\\b(?:fascinating|riveting|classy|steady on|ooh+|spare me|i'll wait|total coincidence)\\b",
      '\\bwhat a (?:gentleman|genius|hero|catch|legend|saint|martyr|prince|princess)\\b',
      "\\b(?:a child|a toddler|a teenager|a baby|grow up|grown-up|an adult|mummy|mommy|daddy's)\\b",
      '\\b(?:cry about it|pathetic|embarrassing|ridiculous|a joke|laughable|cute)\\b',
      '\\bam i supposed to be\\b|\\bbig words from\\b|\\bthe award for\\b|\\bforget your own head\\b',
      '\\b(?:with|than) (?:the|a) (?:toaster|wall|dog|cat|fridge|houseplant|brick)\\b',
      '\\bwho raised you\\b|\\banyone else would put up with\\b|\\bpretend to care\\b',
    ]),
  },
];
