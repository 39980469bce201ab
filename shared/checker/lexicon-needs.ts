/**
 * Cue patterns for owned statements: feelings, needs, requests, repair.
 *
 * Two layers, because a need keyword alone does not make a need statement ("the car needs an
 * oil change", "we took a break" are facts):
 * - FRAMES say the speaker owns something: "I feel…", "I need…", "could we…?", "I'm sorry…";
 * - NEED_CUES say which need it is about ("heads-up" → predictability, "hug" → affection).
 * A statement is a need when it has an owned feeling, or a frame together with a need cue.
 */
import type { NeedId } from './ids.js';
import { FAUX_FEELING_WORDS } from './faux-feelings.js';
import { cue, words } from './pattern.js';

/** Real feelings, each with the need most often under it (used when no need cue is present). */
export const FEELING_NEEDS: Readonly<Record<string, NeedId>> = {
  scared: 'reassurance',
  afraid: 'reassurance',
  frightened: 'reassurance',
  terrified: 'reassurance',
  anxious: 'reassurance',
  worried: 'reassurance',
  nervous: 'reassurance',
  insecure: 'reassurance',
  panicked: 'reassurance',
  panicking: 'reassurance',
  panicky: 'reassurance',
  uneasy: 'reassurance',
  unsafe: 'reassurance',
  uncertain: 'reassurance',
  unsure: 'reassurance',
  jealous: 'reassurance',
  threatened: 'reassurance',
  'on edge': 'reassurance',
  shaky: 'reassurance',
  lonely: 'closeness',
  alone: 'closeness',
  disconnected: 'closeness',
  distant: 'closeness',
  sad: 'closeness',
  empty: 'closeness',
  isolated: 'closeness',
  'left out': 'closeness',
  heartbroken: 'closeness',
  hurt: 'closeness',
  ashamed: 'closeness',
  guilty: 'closeness',
  regretful: 'closeness',
  frustrated: 'understanding',
  confused: 'understanding',
  helpless: 'understanding',
  angry: 'understanding',
  mad: 'understanding',
  upset: 'understanding',
  irritated: 'understanding',
  annoyed: 'understanding',
  disappointed: 'understanding',
  discouraged: 'understanding',
  embarrassed: 'respect',
  small: 'respect',
  defensive: 'respect',
  proud: 'appreciation',
  grateful: 'appreciation',
  thankful: 'appreciation',
  crowded: 'autonomy',
  restless: 'autonomy',
  overwhelmed: 'support',
  stressed: 'support',
  swamped: 'support',
  drowning: 'support',
  'stretched thin': 'support',
  burdened: 'support',
  resentful: 'fairness',
  suspicious: 'trust',
  doubtful: 'trust',
  tired: 'rest',
  exhausted: 'rest',
  drained: 'rest',
  'worn out': 'rest',
  flooded: 'rest',
  wired: 'rest',
  overstimulated: 'rest',
  'burnt out': 'rest',
  'burned out': 'rest',
  sleepy: 'rest',
  activated: 'rest',
  agitated: 'rest',
  tense: 'rest',
  fried: 'rest',
  'on overload': 'rest',
  blindsided: 'predictability',
  'caught off guard': 'predictability',
  unsettled: 'predictability',
  untouched: 'affection',
  'touch-starved': 'affection',
  'touch starved': 'affection',
};

const FEELING_WORDS = Object.keys(FEELING_NEEDS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** "I'm really…", "I felt a bit…": the ways people own a state of their own. */
const OWNER =
  "(?:i(?:'m| am)(?: feeling)?|i(?: feel| felt| was| get| got| keep feeling| have been| had been" +
  "|'ve been|'ve felt|'d been| have felt|'m getting| am getting| started to feel| start to feel" +
  '| began to feel)|(?:a )?part of me (?:is|feels|felt|was|gets)' +
  '|my (?:heart|body|chest|mind|stomach|head) (?:is|feels|was|felt))';
const DEGREE =
  '(?:(?:so|really|very|a (?:bit|little)(?: bit)?|kind of|kinda|pretty|quite|still|just|totally' +
  '|completely|deeply|incredibly|super|too|more|a lot|extremely|honestly|also|getting|feeling' +
  '|now)\\s+)*';

/** An owned feeling. Group 1 is the feeling word (real or faux). */
// "I'm used to it" is habit, not the faux feeling "used".
export const OWNED_FEELING = cue(
  `\\b${OWNER}\\s+${DEGREE}(${FEELING_WORDS}|${FAUX_FEELING_WORDS})\\b(?!(?<=used) to\\b)`,
);

/** "My body is racing", "my heart is pounding", "a part of me is panicking": owned body states. */
export const OWNED_BODY = cue(
  '\\b(?:my (?:heart|body|chest|mind|head|stomach)|(?:a )?part of me) (?:is|feels|was|keeps' +
    "|won't stop) (?:still |so |really )*(?:racing|pounding|spinning|tight|shaking|buzzing|panicking" +
    '|screaming|hurting|in knots|on fire|going)\\b',
);

/** "I don't feel heard": the negated form names the missing need and is still owned. */
export const NEGATED_FEELING = cue(
  "\\bi (?:don't|do not|didn't|did not|haven't|have not|never) (?:really |always |quite )?(?:feel" +
    '|felt|been feeling) (?:\\w+ )?(?:heard|seen|understood|listened to|appreciated|valued|respected' +
    '|loved|wanted|safe|secure|close|connected|supported|important|cared for|like a priority' +
    '|like a team|free|rested|trusted)\\b',
);

/** Frames that mark an owned need, request, appreciation or repair. */
export const FRAMES: readonly RegExp[] = [
  // "I need to buy milk" is an errand, not a need.
  cue(
    '\\bi (?:really |just |truly |also |still |do |kind of |kinda |think i )?(?:need|needed|want' +
      '|wanted|wish|hope|miss|missed|value|long for' +
      '|crave)\\b(?! to (?:buy|get|go|pick|grab|finish|leave|call|email|send|pay|book|check|drop|make' +
      '|cook|clean|do|work|fix|run|catch|take the|print|order|return|wash|walk|be at|head|stop by)\\b)',
  ),
  cue(
    "\\bi(?:'d| would) (?:really |just |also |so )?(?:like|love|prefer|appreciate|feel|rather)\\b" +
      '|\\b(?:can|could|may) i (?:have|get|take|ask)\\b' +
      '|\\b(?:could|can) (?:really )?use (?:a|an|some|more)\\b|\\bin need of\\b',
  ),
  cue("{start}(?:really |just |i )?(?:need|want|miss|wish|would love|'d love|would like|'d like)\\b"),
  cue(
    '\\b(?:could|can|would|will|might) (?:you|we|u)\\b(?! (?:ever|even|never))' +
      '|\\bwould it be (?:ok|okay|possible|alright)\\b|\\bis it (?:ok|okay|alright) if\\b' +
      "|\\b(?:are|would) you (?:be )?(?:willing|open|up for)\\b|\\blet's\\b|\\bhow about (?:we|if)\\b" +
      '|\\bplease\\b|\\bwhat if we\\b',
  ),
  cue(
    '\\bit (?:would |will |really )?(?:mean|means|meant) (?:a lot|so much|the world)\\b' +
      '|\\bwould (?:really |so |honestly )?(?:help|be (?:nice|great|lovely|good|helpful))\\b' +
      "|\\bit (?:matters|is important|'s important) to me\\b" +
      '|\\bwhat (?:i|would help me) (?:need|want|would like|is)\\b|\\bwhat would help\\b',
  ),
  // Repair: owning one's part is the opposite move to defensiveness.
  // Asking for contact updates, or for a promise, is a request for reassurance.
  cue('\\b(?:text|call|message|ping) me (?:when|if|once|so)\\b|{start}(?:please )?promise me\\b'),
  cue(
    "\\bi(?:'m| am) (?:so |really |truly |very )?sorry\\b|\\bi apologi[sz]e\\b|\\bi was wrong\\b" +
      "|\\bmy bad\\b|\\bthat(?:'s| was) on me\\b|\\bi take (?:full )?responsibility\\b" +
      '|\\bmy part (?:in|was)\\b|\\bi (?:can )?(?:see|realize|realise|notice|know' +
      "|admit) (?:now )?(?:that )?i\\b|\\bi shouldn't have\\b|\\bi regret\\b",
  ),
  cue(
    "\\bthank(?:s| you)\\b|\\byou(?:'re| are) (?:so |really |just )?(?:amazing|wonderful|the best" +
      '|incredible|so kind|so sweet|so thoughtful' +
      '|a great (?:partner|dad|mom|mum|husband|wife|friend))\\b|\\bi (?:really )?appreciate\\b' +
      "|\\bi(?:'m| am) (?:so |really )?(?:proud of|grateful|thankful)\\b" +
      '|\\bi love (?:you|it when you|that you|how you|when we)\\b',
  ),
];

export interface NeedCue {
  need: NeedId;
  pattern: RegExp;
}

const DAYS = words(['mondays', 'tuesdays', 'wednesdays', 'thursdays', 'fridays', 'saturdays', 'sundays']);

export const NEED_CUES: readonly NeedCue[] = [
  // reassurance / security
  {
    need: 'reassurance',
    pattern: cue(
      '\\breassur\\w*|\\b(?:com(?:e|ing)|be) back\\b' +
        "|\\bwe(?:'re| are) (?:still )?(?:ok|alright|all right|good|going to be ok)\\b" +
        '|\\b(?:are|is) (?:we|this|us) (?:still )?(?:ok|alright|good)\\b|\\b(?:lose|losing|lost) you\\b' +
        '|\\byou (?:still )?(?:love|want|care about|choose) me\\b|\\bnot (?:leaving|going anywhere)\\b' +
        '|\\bsaf(?:e|er|ety)\\b|\\bsecur(?:e|ity)\\b' +
        '|\\b(?:text|call|message) me (?:when|if|once|so i know|to say)\\b' +
        "|\\blet me know (?:you(?:'re| are)|that you) (?:ok|safe|alright|home|back)\\b" +
        "|\\bcheck(?:ed|ing)? in\\b|\\bpromise (?:me )?(?:you(?:'ll| will| won't)|that|to)\\b" +
        "|\\b(?:don't|do not) want to (?:break up|lose you|leave|split up|end this)\\b|\\bbe left\\b" +
        '|\\babandon\\w*',
    ),
  },
  // closeness / connection
  {
    need: 'closeness',
    pattern: cue(
      '\\b(?:be|feel|get|grow|stay) close(?:r)?\\b|\\bcloseness\\b|\\bclose to you\\b' +
        '|\\b(?:re)?connect(?:ed|ion|ing)?\\b' +
        '|\\b(?:time|evening|night|day|weekend|dinner|walk) together\\b' +
        '|\\btogether (?:this|tonight|on|again)\\b|\\b(?:the two of us|just us)\\b|\\bdate(?: night)?\\b' +
        '|\\bspend (?:time|the (?:evening|day|night|weekend))\\b|\\bquality time\\b|\\bbe with you\\b' +
        '|\\b(?:sit|stay|lie|be) with me\\b|\\bnear you\\b' +
        '|\\b(?:miss|missed|missing) (?:you|us|talking|our|the way we)\\b|\\btry again\\b' +
        '|\\bstart over\\b|\\bmake up\\b|\\bmake (?:this|things|it) right\\b|\\bwork on us\\b' +
        '|\\bask(?:ed|ing)? (?:me )?(?:how|about) (?:my|i)\\b|\\blonely\\b|\\bdistant\\b' +
        '|\\bdisconnected\\b',
    ),
  },
  // being heard / understood
  {
    need: 'understanding',
    pattern: cue(
      '\\b(?:heard|unheard)\\b|\\bhear (?:me|what|you|your|my|how|about)\\b|\\blisten(?:ed|ing)?\\b' +
        '|\\bunderst(?:and|ood)\\w*|\\bmisunderstood\\b|\\btell me back\\b|\\bwhat you heard\\b' +
        '|\\b(?:repeat|reflect|say) (?:it )?back\\b|\\bparaphrase\\b' +
        '|\\b(?:my|your) (?:side|point of view|perspective)\\b' +
        '|\\bwhat (?:it|that|the \\w+|this) (?:was|is|felt) like for you\\b' +
        "|\\bwhere (?:i'm|you're|i am|you are) coming from\\b|\\bexplain\\b" +
        '|\\btalk(?:ing)? (?:about|it through|this through|things through|it over|tonight|later|when' +
        '|with you)\\b|\\b(?:can|could) we (?:\\w+ )?talk\\b|\\bhear you out\\b|\\btime to talk\\b' +
        '|\\binterrupt\\w*',
    ),
  },
  // respect
  {
    need: 'respect',
    pattern: cue(
      '\\b(?:dis)?respect\\w*|\\bkind(?:ly|ness)?\\b(?! of)' +
        '|\\b(?:speak|talk) to (?:each other|me|one another)\\b|\\btone\\b' +
        '|\\bin front of (?:your|my|our|the|other|everyone|others|people)\\b' +
        '|\\b(?:yell|shout|scream|swear)(?:ing|ed)?\\b|\\bname[- ]calling\\b|\\binsult\\w*' +
        '|\\bcall(?:ing)? me names\\b|\\bbelittl\\w*|\\bdismiss\\w*|\\bmock\\w*|\\bmake fun of me\\b' +
        '|\\bjokes? (?:was |were )?(?:about|at) me\\b|\\bboundar(?:y|ies)\\b|\\btake me seriously\\b' +
        '|\\btaken seriously\\b|\\bhumiliat\\w*|\\bembarrass\\w*' +
        '|\\bmy (?:opinion|choices|decisions|feelings) (?:matter|count)\\b|\\bwhen we disagree\\b' +
        '|\\bfight fair\\b|\\bput me down\\b|\\bpolite\\w*|\\bcalmly\\b' +
        '|\\brais(?:e|ed|ing) (?:your|my|our) voices?\\b',
    ),
  },
  // appreciation
  {
    need: 'appreciation',
    pattern: cue(
      '\\b(?:un)?appreciat\\w*|\\b(?:thank|thanks|thanked)\\b|\\bnotic(?:e|ed|es|ing)\\b' +
        '|\\bunnoticed\\b|\\bunmentioned\\b|\\bunseen\\b|\\binvisible\\b|\\btaken for granted\\b' +
        '|\\backnowledg\\w*|\\brecogni[sz]\\w*|\\bproud of\\b' +
        '|\\b(?:give me|get|got|take) (?:the |any |some )?credit\\b|\\bvalued\\b|\\bvalue me\\b' +
        '|\\beffort\\b|\\bthe work i (?:do|did|put)\\b|\\ball (?:the|that) i do\\b|\\bgrateful\\b' +
        '|\\bthankful\\b|\\bcompliment\\w*|\\bpraise\\b|\\bwent unsaid\\b' +
        "|\\byou(?:'re| are) (?:so |really |just )?(?:amazing|wonderful|the best|incredible|so kind" +
        '|so sweet|so thoughtful|a great (?:partner|dad|mom|mum|husband|wife|friend))\\b',
    ),
  },
  // autonomy / space
  {
    need: 'autonomy',
    pattern: cue(
      '\\b(?:time|space|room|evening|night|day|hour|morning|afternoon|weekend|bit|while) (?:to' +
        '|for) myself\\b|\\b(?:some|my own|personal|more|a little|a bit of|breathing) (?:space|room)\\b' +
        '|\\bspace\\b|\\b(?:time|hour|minutes?|evening|night|day|while|bit|moment) alone\\b' +
        '|\\bbe alone\\b|\\bby myself\\b|\\bon my own\\b|\\bmy own\\b' +
        '|\\b(?:choose|decide) (?:for myself|my own|what i)\\b|\\bchoose\\b|\\bindependen\\w*' +
        '|\\bfreedom\\b|\\bwithout (?:checking in|asking permission|having to (?:explain|ask|justify)' +
        '|being asked)\\b|\\bme[- ]time\\b|\\bsee my friends\\b|\\bmy (?:hobbies|friends)\\b' +
        '|\\b(?:let|trust) me (?:decide|choose|handle)\\b',
    ),
  },
  // support / help
  {
    need: 'support',
    pattern: cue(
      '\\bhelp(?:ed|ing|s)?\\b|\\bsupport\\w*|\\boverwhelm\\w*' +
        '|\\b(?:you|u) (?:please |maybe |just |could )?(?:handle|take care of|take over|take on|cover' +
        '|pick up|do the|deal with|sort out|look after|grab)\\b|\\bgive me a hand\\b|\\blend a hand\\b' +
        '|\\bpitch in\\b|\\bback me up\\b|\\bon my side\\b|\\bin my corner\\b|\\bhave my back\\b' +
        '|\\b(?:work|figure|sort|tackle|solve) (?:it|this|things|that|them) out\\b|\\bas a team\\b' +
        '|\\b(?:make|draw up|work out|set up) (?:a|the) (?:budget|plan)\\b' +
        "|\\b(?:stressed|swamped|drowning|struggling)\\b|\\btoo much (?:on|for)\\b|\\bcan't cope\\b" +
        '|\\bbe there for me\\b|\\blean on\\b',
    ),
  },
  // fairness / shared load
  {
    need: 'fairness',
    pattern: cue(
      '\\b(?:un)?fair(?:ly|ness)?\\b|\\bsplit\\b' +
        '|\\bshar(?:e|ed|ing) (?:the )?(?:load|chores|work|housework|tasks|responsibilit\\w*|cooking' +
        '|cleaning|driving|bills)\\b|\\b(?:feels?|be|is) (?:even|equal|balanced)\\b|\\bequal\\w*' +
        '|\\bevenly\\b|\\btake turns\\b|\\b(?:my|your|our) turn\\b|\\bchores?\\b|\\bhousework\\b' +
        '|\\bhousehold\\b|\\bdishes\\b|\\blaundry\\b|\\b(?:school )?pick-?ups?\\b|\\bdrop-?offs?\\b' +
        '|\\bgroceries\\b|\\bdivid(?:e|ing)\\b|\\bfifty[- ]fifty\\b|\\b50/50\\b|\\bshare of\\b' +
        '|\\bmental load\\b|\\b(?:decide|decided|deciding|plan|planning|agree' +
        '|choose) (?:\\w+ ){0,3}?together\\b|\\b(?:on|every) ' +
        DAYS +
        '\\b',
    ),
  },
  // trust / honesty
  {
    need: 'trust',
    pattern: cue(
      '\\btrust\\w*|\\bhonest(?!ly)\\w*|\\btruth\\w*|\\b(?:lie|lies|lying|lied)\\b|\\btransparen\\w*' +
        '|\\bsecrets?\\b|\\bhid(?:e|ing|den)\\b|\\bopen with (?:me|each other|one another)\\b' +
        '|\\b(?:straight|level|upfront|up front) with me\\b|\\bcome clean\\b|\\bmoney\\b|\\baccounts?\\b' +
        '|\\bbudget\\b|\\bfinanc\\w*|\\bspen(?:d|ding|t)\\b|\\bsavings\\b|\\bcredit card\\b|\\bdebts?\\b' +
        '|\\bbank\\b|\\bbills\\b|\\bpasswords?\\b|\\bbelieve you\\b|\\bfaithful\\b|\\bloyal\\w*' +
        '|\\bkeep (?:my|your|our) promises?\\b',
    ),
  },
  // rest / calm
  {
    need: 'rest',
    pattern: cue(
      '\\brest\\b|\\bsleep\\w*|\\btired\\b|\\bexhausted\\b|\\bdrained\\b|\\bworn out\\b' +
        '|\\bburn(?:ed|t) out\\b|\\bcalm\\w*|\\b(?:a|my|the|this|short|little|quick|minute|hour) break\\b' +
        '|\\bbreather\\b|\\bpaus(?:e|ing)\\b' +
        '|\\b(?:\\d+|five|ten|fifteen|twenty|thirty|few|some|more) (?:more )?(?:minutes?|mins?)\\b' +
        '|\\bunwind\\b|\\bdecompress\\b|\\bracing\\b|\\bpounding\\b|\\bflooded\\b|\\boverstimulated\\b' +
        '|\\bbreath(?:e|ing)\\b|\\bcool (?:down|off)\\b|\\brecharge\\b' +
        '|\\b(?:some|peace and|a little|bit of) quiet\\b|\\bsettle\\b|\\brelax\\w*' +
        '|\\bslow (?:down|things down)\\b|\\btime[- ]?out\\b',
    ),
  },
  // predictability / reliability
  {
    need: 'predictability',
    pattern: cue(
      '\\bpredictab\\w*|\\bheads[- ]?up\\b|\\blast[- ]minute\\b' +
        '|\\bplans? (?:change|changed|changing)\\b|\\bin advance\\b|\\bahead of time\\b' +
        '|\\b(?:let|tell) me know (?:if|when|before|ahead|in advance|what time)\\b' +
        '|\\b(?:text|call|message) me (?:if|when|before)\\b|\\blate\\b|\\bon time\\b' +
        '|\\bkeep(?:ing)? (?:my|your|our) (?:word|promises?)\\b|\\bfollow(?:ing)? through\\b' +
        '|\\breliab\\w*|\\b(?:rely|count|depend) on\\b|\\bconsisten\\w*|\\broutine\\b|\\bschedule\\b' +
        "|\\bstick to\\b|\\bwhen you(?:'ll| will) be (?:home|back)\\b|\\bknow what to expect\\b" +
        '|\\bplan ahead\\b|\\bagree on a time\\b',
    ),
  },
  // affection / touch
  {
    need: 'affection',
    pattern: cue(
      '\\baffection\\w*|\\bhug\\w*|\\bcuddl\\w*|\\b(?:hold|held|holding) (?:my |your |our )?hands?\\b' +
        '|\\bhold me\\b|\\bkiss\\w*|\\btouch(?:ed|ing)?\\b(?! base| with)|\\bphysical\\b|\\bsnuggl\\w*' +
        '|\\b(?:tell|say|hear) (?:me )?(?:that )?you love me\\b|\\bi love you\\b|\\btender\\w*' +
        '|\\bintima\\w*|\\bback rub\\b|\\bmassage\\b|\\barms around\\b',
    ),
  },
];
