/**
 * Tone cues: moves that carry no insult or stock keyword, so the protest lexicon misses them,
 * but whose shape is recognisable — sarcastic praise, a question that is really a verdict, a
 * threat left unfinished, a push against the break itself, a shrug that dismisses the other
 * person's hurt, an old wrong brought back. They are features only: the model learns how much
 * each one counts, and in which company (a resigned "it's fine" next to an owned feeling is
 * not the same as one on its own).
 */
import { cue } from './pattern.js';

export interface ToneCue {
  tone: string;
  pattern: RegExp;
}

export const TONE_CUES: readonly ToneCue[] = [
  // Praise or thanks said through the teeth.
  {
    tone: 'sarcasm',
    pattern: cue(
      '(?:🙄|🙃|😒|🤡|👏|😑|🤦|💅|🥱)|\\b(?:oh|well|gee|wow),? (?:great|good|perfect|wonderful|lovely|brilliant' +
        '|fantastic|amazing|nice|sure|fine|cool|thanks|congrat\\w*' +
        '|how (?:nice|lovely|sweet|kind|thoughtful))\\b' +
        '|\\bhow (?:nice|lovely|sweet|kind|thoughtful|generous|considerate) of you\\b|\\bmust be nice\\b' +
        '|\\b(?:of course|naturally|sure) you (?:did|do|would|were|are|can|could|have)\\b' +
        '|\\bwhat a (?:surprise|shock|shocker|treat|joy)\\b' +
        '|\\b(?:well done|bravo|congrat\\w*|slow clap|classic|shocker|gold star)\\b' +
        "|\\b(?:another|yet another) \\w+(?: \\w+){0,3} you(?:'ve| have)? (?:managed|decided|chose" +
        '|found a way)\\b|\\bmanaged to (?:ruin|spoil|wreck|forget|miss|mess|ignore|turn)\\b' +
        '|\\b(?:love|adore) (?:how|that|it when) you (?:always |never |just )?\\w+' +
        '|\\bso glad (?:you|i) (?:could|bothered|decided)\\b|\\bthanks for (?:\\w+ing|nothing|that)\\b' +
        '|\\bno (?:really|seriously),? (?:please|go on|tell me)\\b' +
        "|\\bi'?m (?:sure|certain) you (?:were|did|are|had)\\b",
    ),
  },
  // A question that carries its own answer ("is it that hard to…", "would it kill you…").
  {
    tone: 'accusing-question',
    pattern: cue(
      '\\bis it (?:really |honestly |seriously )?(?:so|that|too) (?:hard|difficult|much|complicated' +
        '|impossible)\\b|\\bhow (?:hard|difficult) (?:is it|can it be|would it be)\\b' +
        '|\\bwould it (?:really |actually |honestly )?(?:kill|hurt|be so bad for) you\\b' +
        '|\\bis that (?:too much|so much|really too much) to ask\\b' +
        '|\\b(?:what|who) (?:kind of|sort of) (?:person|partner|man|woman|husband|wife|boyfriend' +
        '|girlfriend|adult) (?:does|leaves|forgets|says|would)\\b' +
        '|\\bwho (?:even )?(?:does|leaves|forgets|says|talks like|acts like) (?:that|this)\\b' +
        '|\\bdo you (?:even|ever|actually|honestly|seriously) (?:\\w+)\\b' +
        '|\\bdid you (?:really|seriously|actually|honestly|even|just) \\w+' +
        '|\\bare you (?:really|seriously|actually|honestly|even) \\w+' +
        '|\\bhow (?:is it|come) (?:that )?(?:you|i)\\b|\\bwhy (?:is it|am i) always\\b' +
        "|\\bwhy (?:would|do|did|can't|won't|don't|didn't|couldn't|wouldn't) you (?:ever |even |always " +
        '|never |just )?\\w+|\\bhave you (?:ever|even) (?:thought|considered|tried|asked|noticed' +
        "|wondered)\\b|\\bdon't you (?:think|care|know|see|get it)\\b|\\bwhat (?:did|do) you expect\\b" +
        "|\\bcan you not\\b|\\bwhat(?:'s| is) so hard about\\b",
    ),
  },
  // A threat without its last words: "carry on like this and…", "not sure how long I can…".
  {
    tone: 'veiled-threat',
    pattern: cue(
      "\\byou(?:'ll| will) (?:find out|see|regret|be sorry|learn|know|wish)\\b" +
        '|\\b(?:carry|keep|go) on (?:like (?:this|that)|this way|the way you are|doing this)\\b' +
        "|\\b(?:don't|do not|not sure i) know how (?:much )?(?:long|longer)\\b" +
        '|\\bnot sure how (?:much )?(?:long|longer)\\b|\\bhow (?:much )?(?:long|longer) i can\\b' +
        "|\\bcan't keep (?:doing|living|going|pretending|putting up)\\b" +
        "|\\bsomething(?:'s| is| has| will| has got| is going) (?:got |going )?to (?:give|change" +
        "|break)\\b|\\bthis (?:can't|won't|cannot|will not) (?:go on|continue|last)\\b" +
        "|\\b(?:don't|do not) (?:push|test) me\\b|\\b(?:i'm|i am) warning you\\b" +
        "|\\bwatch (?:yourself|it|your step)\\b|\\byou(?:'ve| have) been warned\\b" +
        '|\\bthere (?:will be|are) consequences\\b|\\bsee what happens\\b' +
        "|\\bone (?:day|of these days) you(?:'ll| will)\\b|\\b(?:i've|i have) had (?:enough|it)\\b" +
        '|\\b(?:thinking|think) about my options\\b' +
        "|\\bwon't be (?:here|around) (?:forever|much longer|when)\\b" +
        "|\\b(?:only|just) so much i can take\\b|\\bi(?:'m| am) running out of\\b" +
        "|\\bdon't (?:make|let) me\\b|\\bi(?:'m| am) not (?:going to |gonna )?(?:wait|stick around" +
        '|put up with (?:this|it))\\b',
    ),
  },
  // Refusing the pause: "not later", "we're settling this now", "don't you walk away".
  {
    tone: 'against-break',
    pattern: cue(
      '\\bnot (?:later|tomorrow|in an hour|in (?:twenty|thirty|\\d+) minutes)\\b' +
        '|\\bnot after (?:\\w+ )?(?:break|pause|time ?out|cool ?down|timer)\\b' +
        '|\\b(?:now|tonight),? not (?:later|tomorrow)\\b' +
        "|\\bwe(?:'re| are) (?:doing|sorting|settling|finishing|talking about|dealing with" +
        '|having) (?:this|it)\\b[^.!?]{0,15}\\b(?:now|tonight)\\b' +
        "|\\b(?:don't|do not) (?:you )?(?:dare )?(?:walk|run|go|turn) (?:away|off|out)\\b" +
        "|\\byou (?:can't|cannot|don't get to|aren't going to|won't) (?:just )?(?:walk|run|leave|hide" +
        '|pause|go to bed|sleep|end this|take a break|disappear|switch off)\\b' +
        '|\\bno (?:more )?(?:breaks?|pauses?|time ?outs?|cooling off|cool ?down)\\b' +
        '|\\b(?:stop|quit) (?:running|hiding|walking away|avoiding|dodging)\\b' +
        '|\\bwe (?:need|have|got) to (?:finish|settle|sort|resolve|deal with|talk about) (?:this' +
        '|it)\\b[^.!?]{0,15}\\b(?:now|tonight)\\b' +
        "|\\b(?:not going anywhere|nobody(?:'s| is) going anywhere" +
        "|no one(?:'s| is) (?:going anywhere|sleeping))\\b" +
        '|\\b(?:until|till|before) we (?:sort|finish|settle|resolve|fix|talk)\\b' +
        '|\\b(?:your|this|that) (?:stupid|precious|little|convenient|magic) (?:break|pause|timer|app' +
        '|time ?out)\\b|\\b(?:break|pause|time ?out) (?:again|every time|whenever)\\b' +
        '|\\b(?:right )?now\\s*[.!]*$',
    ),
  },
  // Shrugging off the other person's hurt: "it was a joke", "relax", "so what".
  {
    tone: 'dismissal',
    pattern: cue(
      "\\b(?:it was|it's|was|just) (?:just |only )?(?:a |one )?(?:joke|joking|kidding|banter" +
        '|teasing)\\b|{start}(?:relax|chill|calm down|jeez|geez|god|omg|lol|so what)\\b' +
        "|\\b(?:relax|chill|calm down){end}|\\bso what\\b|\\bwhat(?:'s| is) the big deal\\b" +
        '|\\b(?:not|no) (?:a |that )?big deal\\b|\\bnot everything is about you\\b' +
        "|\\b(?:nobody|no one)(?:'s| is) perfect\\b|\\bi(?:'m| am) only human\\b" +
        '|\\bwhat do you want (?:from me|me to (?:do|say))\\b|\\b(?:here|there) (?:we|you) go again\\b' +
        "|\\bi (?:already )?said (?:i'm |i was )?sorry\\b|\\bget over it\\b|\\bmove on\\b" +
        '|\\b(?:it was|that was) (?:years|ages|months|weeks|forever) ago\\b' +
        "|\\bi was (?:tired|busy|working|stressed)\\b|\\bdon't (?:start|be like that)\\b" +
        '|\\bwhy (?:are|do) you (?:always )?(?:make|making|turn|turning) (?:everything|this|it)\\b' +
        '|\\bnot my (?:problem|job|responsibility)\\b|\\b(?:at least i|i at least)\\b',
    ),
  },
  // Old wrongs brought back into today's argument.
  {
    tone: 'old-wrong',
    pattern: cue(
      '\\bi (?:still )?remember (?:when|the|that|how|last|what|every)\\b' +
        "|\\b(?:never|won't|will not|not going to) forget (?:the|that|when|how|what)\\b" +
        '|\\b(?:last|this|that) (?:year|month|week|time|christmas|birthday|anniversary|summer|holiday' +
        '|weekend)\\b|\\b(?:again|once again|yet again|as usual|like always|like last time' +
        '|every single time)\\b|\\bthe (?:whole|entire) (?:time|year|month|week)\\b' +
        '|\\b(?:who|which one of us) (?:always|actually|ever)\\b|\\bwhile you\\b' +
        '|\\b(?:count|counting|lost count)\\b|\\b(?:since|for) (?:years|months|weeks)\\b' +
        '|\\bback (?:when|in)\\b|\\bstill waiting\\b',
    ),
  },
  // Resignation that reads calm and is not: "it's fine, I'm used to it", "don't worry about me".
  {
    tone: 'resigned',
    pattern: cue(
      "\\b(?:it's|its|it is|that's|i'm) fine\\b[^.!?]{0,6}[.…]{0,3}\\s*(?:i'm|i am|i'll|i guess|really" +
        '|whatever|honestly|as always|like always|i always)?' +
        "|\\bi(?:'m| am) used to (?:it|this|being|that)\\b|\\b(?:don't|do not) worry about me\\b" +
        "|\\bi(?:'ll| will) (?:manage|cope|be fine|survive|figure it out)\\b|\\bnever mind me\\b" +
        '|\\bstory of my life\\b|\\bnothing new\\b|\\b(?:as|like) (?:always|usual)\\b' +
        "|\\bi(?:'m| am) (?:always )?last\\b|\\bwhy (?:do i|would i) (?:even )?(?:bother|try|ask)\\b" +
        "|\\bno (?:one|body) (?:ever )?(?:asks|notices|cares)\\b|\\bdoesn't matter\\b" +
        "|\\b(?:it's|its) whatever\\b|\\bi guess\\b|\\bsure,? (?:whatever|fine)\\b|\\.{3}|…",
    ),
  },
  // Owned inner states said without a feeling word: a body reaction, a fear of losing.
  {
    tone: 'owned-state',
    pattern: cue(
      '\\bmy (?:chest|stomach|throat|heart|hands?|head|body|jaw|shoulders) (?:gets?|got|is|feels?|felt' +
        '|goes|went|drops?|dropped|sinks?|sank|tightens?|tightened|races?|raced|pounds?|pounded|knots?' +
        '|hurts?|aches?|clenche?s?|closes? up)\\b' +
        '|\\bi (?:start|started|begin|began|tend) to (?:panic|worry|spiral|shut down|freeze|shake|cry' +
        '|overthink)\\b|\\bi (?:panic|spiral|freeze|shut down|overthink' +
        '|get (?:scared|worried|anxious|nervous|sad|lonely|hurt|overwhelmed))\\b' +
        "|\\b(?:afraid|scared|worried|terrified|frightened) (?:that )?(?:i've|i have|i'll|i will|i|we've" +
        "|we|you'll|you) (?:lost|lose|losing|might|are|don't|won't|stop|leave)\\b" +
        '|\\bi (?:miss|missed|need|needed|want|wanted|long for|crave) (?:you|us|your|the way)\\b' +
        '|\\bit (?:hurts|hurt|stings|stung|scares|scared|worries|worried) me\\b' +
        "|\\bi(?:'m| am) (?:struggling|hurting|falling apart|not okay|not ok|barely holding)\\b" +
        "|\\bi (?:cried|couldn't sleep|can't sleep|lay awake|can't breathe|keep replaying)\\b" +
        '|\\bpart of me\\b|\\bi notice (?:i|that i|myself)\\b|\\bfor me,? (?:it|that)\\b',
    ),
  },
  // Plain logistics: times, days, errands.
  {
    tone: 'logistics',
    pattern: cue(
      '\\b\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)\\b|\\b\\d{1,2}:\\d{2}\\b' +
        '|\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight' +
        '|this (?:morning|afternoon|evening)|next week|weekend)\\b' +
        '|\\b(?:pick(?:ing)? up|drop(?:ping)? off|appointment|delivery|booked|reservation|flight|train' +
        '|bus|groceries|dentist|doctor|vet|school|work|meeting|bill|rent|oil change|parcel|package)\\b',
    ),
  },
];
