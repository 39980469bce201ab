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
  // A tally: occasions counted, listed or dated, whatever the grievance (score-keeping).
  {
    tone: 'tally',
    pattern: any([
      '\\b(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|a hundred|so many|how many) ' +
        '(?:times|nights|days|weekends|weeks|months|years|birthdays|christmases|dinners|holidays|mornings' +
        '|evenings|saturdays|sundays|anniversaries|favours|favors|shifts|trips|parties|visits)\\b',
      '\\b(?:second|third|fourth|fifth|sixth|tenth|umpteenth|nth|\\d+(?:st|nd|rd|th)) (?:time|weekend|night|day' +
        '|year|month|birthday|christmas|dinner|holiday|party|week)\\b',
      '\\bin a row\\b|\\bevery (?:single )?(?:one|time|night|weekend|year|holiday|christmas|birthday)\\b',
      '\\b(?:since|in|back in|before) (?:(?:19|20)\\d\\d|january|february|march|april|june|july|august' +
        '|september|october|november|december|easter|christmas)\\b',
      '\\b(?:who|which of us) (?:did|paid|booked|cooked|drove|organi[sz]ed|remembered|sorted|covered|got up' +
        '|cleaned|planned|walked)\\b',
      '\\b(?:not you|me again|also me|all me|me,? every time)\\b',
      "\\b(?:i(?:'ve| have)? (?:lost|stopped) (?:count|track)|list goes on|i could (?:list|name)|written down)\\b",
    ]),
  },
  // Reaching for contact: calls, messages, doors, whereabouts, waiting for a reply (pursuit).
  {
    tone: 'contact',
    pattern: any([
      '\\b(?:missed calls?|voicemails?|unanswered|left on read|on read|read receipts?|online|typing' +
        '|location|your phone|ur phone|hang(?:ing)? up|hung up)\\b',
      '\\b(?:answer|reply|respond|pick up|ring me|call me|text me|message me|text back|call back' +
        '|get back to me)\\b',
      '\\b(?:open the door|outside (?:your|ur|the)|on (?:my|the) way (?:over|round)|coming (?:over|round' +
        '|to find you)|driving over|waiting outside)\\b',
      '\\b(?:hello+|hey+|helloo+)\\b[?!. ]*\\b(?:hello+|hey+)\\b|\\b(?:please|pls|plz)\\b[^.?!]{0,12}' +
        '\\b(?:please|pls|plz)\\b',
      "\\b(?:talk to me|say something|don't shut me out|don't go quiet|come back (?:here|now|downstairs|inside|and talk)|wake up)\\b",
    ]),
  },
  // Leaving the conversation: bed, the car, headphones, silence (withdrawal).
  {
    tone: 'shutdown',
    pattern: any([
      "\\b(?:going|i'm going|i'll go|off) (?:to bed|out|upstairs|for a (?:drive|walk)|to sleep)\\b",
      "\\b(?:don't|do not|dont) (?:wait up|follow me|come (?:up|in|after me|find me)|bother (?:replying" +
        '|answering|coming))\\b',
      '\\b(?:leave me alone|headphones|tuned out|checked out|switch(?:ing)? (?:off|my phone off)' +
        '|(?:muting|blocking) (?:you|u)|not (?:engaging|answering|replying|discussing|getting into))\\b',
      '\\b(?:forget (?:it|i said anything)|never ?mind|nvm|drop it|end of|no point|why bother' +
        "|nothing(?:'s| is) wrong|i said nothing)\\b",
      '^\\W*(?:k+|ok+|okay|fine|sure|yep|yup|mhm+|cool|right|noted|whatever|nope)\\W*$',
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
