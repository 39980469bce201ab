/**
 * Cue patterns for protest behaviours (Levine & Heller) and Gottman's horsemen.
 *
 * Each cue names the kind it signals. Patterns describe how a move is made in English
 * (an absolute aimed at "you", a tally of favours, a demand for contact now), never a
 * particular sentence. Guards keep a cue from firing where the same words mean something else:
 * - `weak`: a bare accusatory "why did you…?", "wtf", "??" only decide the label when nothing
 *   owned and constructive is said beside them (see the precedence note in check.ts);
 * - `negatable`: dropped when a negation sits before it in the same clause
 *   ("I don't want to break up" is not a threat);
 * - `notAfter` / `notBefore`: tested on the clause text just before / just after the match
 *   ("I'm so needy" is about me, not a judgement of you; "you always make me laugh" is praise).
 */
import type { ProtestKind } from './ids.js';
import { cue, words } from './pattern.js';

export interface ProtestCue {
  kind: ProtestKind;
  pattern: RegExp;
  weak?: boolean;
  negatable?: boolean;
  notAfter?: RegExp;
  notBefore?: RegExp;
}

/** Character judgements: attacks on who the partner is rather than on what happened. */
const TRAITS = words([
  'selfish',
  'lazy',
  'rude',
  'inconsiderate',
  'careless',
  'thoughtless',
  'heartless',
  'mean to me',
  'controlling',
  'irresponsible',
  'immature',
  'unreliable',
  'stubborn',
  'insensitive',
  'clingy',
  'needy',
  'difficult',
  'impossible',
  'toxic',
  'annoying',
  'ridiculous',
  'unbelievable',
  'childish',
  'dramatic',
  'unreasonable',
  'manipulative',
  'paranoid',
  'crazy',
  'insane',
  'hopeless',
  'useless',
  'cruel',
  'nasty',
  'ungrateful',
  'self-cent(?:er|re)d',
  'self cent(?:er|re)d',
  'self-absorbed',
  'narcissistic',
  'a narcissist',
  'a liar',
  'a hypocrite',
  'a nag',
  'a slob',
  'a child',
  'a baby',
  'a brat',
  'possessive',
  'passive[- ]aggressive',
  'cheap',
  'sloppy',
  'spoil(?:ed|t)',
  'entitled',
  'arrogant',
  'condescending',
  'petty',
  'bitter',
  'lying',
  'unfair',
  'disrespectful',
  'ignorant',
  'incompetent',
  'hysterical',
  'obsessed',
  'obsessive',
]);

/** Insults and names: contempt, the horseman of superiority. */
const INSULTS = words([
  'idiot',
  'moron',
  'loser',
  'pathetic',
  'dumbass',
  'jerk',
  'asshole',
  'arsehole',
  'bitch',
  'bastard',
  'clown',
  'imbecile',
  'worthless',
  'disgusting',
  'a joke',
  'stupid',
  'dumb',
  'an embarrassment',
  'pitiful',
  'piece of (?:shit|work|garbage)',
  'prick',
  'psycho',
  'a waste of (?:space|time|oxygen)',
  'laughable',
  'a disgrace',
]);

/** What an activated partner demands be done about contact. */
const CONTACT_VERBS = words([
  'answer',
  'call',
  'text',
  'reply',
  'respond',
  'pick up',
  'come (?:home|back|here|over|out)',
  'tell me',
  'talk to me',
  'promise',
  'open the door',
  'get back here',
  'get home',
  'get over here',
  'explain',
  'look at me',
  'write back',
  'message me',
  'ring me',
  'facetime me',
  'get here',
  'apologi[sz]e',
]);

/** Deeds people tally ("I've cooked four nights"). Contact attempts are pursuit, not here. */
const PAST_DEEDS = words([
  'done',
  'cooked',
  'cleaned',
  'paid(?: for)?',
  'picked up',
  'driven',
  'organi[sz]ed',
  'planned',
  'bought',
  'covered',
  'washed',
  'walked',
  'made',
  'reminded',
  'waited',
  'apologi[sz]ed',
  'handled',
  'taken',
  'carried',
  'fixed',
  'tidied',
  'emptied',
  'vacuumed',
  'booked',
  'did',
  'put up with',
  'forgiven',
  'looked after',
  'sacrificed',
  'dropped off',
  'taken out',
  'took out',
]);

const UNITS = words([
  'times',
  'nights',
  'days',
  'weekends',
  'weeks',
  'months',
  'years',
  'mornings',
  'evenings',
  'dinners',
  'loads',
  'hours',
  'meals',
  'birthdays',
  'holidays',
  'bills',
  'errands',
  'shifts',
]);

/** Attention someone else gives me, as used in jealousy comparisons ("X texts me back"). */
const CARES_FOR_ME = words([
  'notices? me',
  'noticed me',
  'compliments? me',
  'complimented me',
  'appreciates? me',
  'appreciated me',
  'listens to me',
  'listened to me',
  'cares about me',
  'cared about me',
  'remembers?',
  'remembered',
  'values? me',
  'respects? me',
  'treats? me',
  'treated me',
  'makes time for me',
  'made time for me',
  'flirts? with me',
  'flirted with me',
  'hit on me',
  'asked me out',
  'checks? (?:in )?on me',
  'wants? me',
  'wanted me',
  'loves? me',
  '(?:texts?|texted|calls?|called|writes?|wrote|gets?|got|replies|replied|answers?|answered' +
    '|messages?|messaged) me back',
  '(?:texts?|calls?|messages?) me (?:every|all the time|right away|within|first)',
  'brings? me',
  'bought me',
  'takes? me out',
  'took me out',
  'makes? me feel',
]);

/** Other people offered as a yardstick. */
const RIVALS = words([
  'other (?:people|guys|men|women|girls|partners|husbands|wives|boyfriends|girlfriends)',
  'my ex',
  'your ex',
  "(?:my|your|our) (?:friend|friend's|best friend's|coworker's|co-worker's|colleague's|boss's" +
    "|sister's|brother's) (?:husband|wife|partner|boyfriend|girlfriend|fiance|fiancee)",
  '[a-z]+ from (?:work|the gym|school|the office|class|my team|yoga|church|the bar|next door|my course)',
  "[a-z]+'s (?:husband|wife|partner|boyfriend|girlfriend|fiance|fiancee)",
  'everyone else',
  'most (?:people|guys|men|women|girls)',
  'normal (?:people|couples|partners)',
  'real (?:men|women)',
  'a real (?:man|woman|partner|husband|wife|boyfriend|girlfriend)',
  'anyone else',
  'someone else',
]);

/** Clause prefixes that make a judgement self-directed ("I'm so needy", "I'm such an idiot"). */
const SELF_PREFIX = new RegExp(
  "\\b(?:i'm|i am|i was|i feel|i felt|i've been|i get|i got|i can be|i've become|feeling" +
    '|makes me feel|made me feel|me)\\s+(?:\\w+\\s+){0,2}$',
);

/** A fear voiced about the partner ("I'm scared you don't care") is owned, not a verdict. */
const FEAR_PREFIX =
  /\b(?:worried|scared|afraid|fear|terrified|anxious|panicking|wonder|wondering|whether|if|doubt)\s+(?:that\s+)?$/;

/** Clause prefixes of a resolution about myself ("I need to stop being so hard on myself"). */
const OWN_RESOLVE_PREFIX = new RegExp(
  "\\b(?:i (?:need|want|have|should|must|will|'m going|am going|'m trying|am trying|gotta|could" +
    "|can)(?: to)?|i'll|let me|we (?:both )?(?:need|should))\\s*$",
);

/**
 * Whole-message curt replies. On their own, in a conflict, they shut the other person out
 * ("Fine.", "k."); inside a longer message the same words are ordinary.
 */
export const CURT_REPLIES: Readonly<Record<string, ProtestKind>> = {
  fine: 'withdrawal',
  k: 'withdrawal',
  ok: 'withdrawal',
  whatever: 'withdrawal',
  sure: 'withdrawal',
  noted: 'withdrawal',
  cool: 'withdrawal',
  "i'm fine": 'withdrawal',
  "it's fine": 'withdrawal',
  nothing: 'withdrawal',
  'fine whatever': 'withdrawal',
  'ok fine': 'withdrawal',
  'fine then': 'withdrawal',
  'ok then': 'withdrawal',
  'sure whatever': 'withdrawal',
  'yeah whatever': 'withdrawal',
  'yeah sure': 'withdrawal',
  'k then': 'withdrawal',
  no: 'withdrawal',
  nope: 'withdrawal',
  "i'm good": 'withdrawal',
  'forget it': 'withdrawal',
  wow: 'contempt',
  'wow ok': 'contempt',
  'ok wow': 'contempt',
  'cool story': 'contempt',
  'sure jan': 'contempt',
  'okay then': 'withdrawal',
};

export const PROTEST_CUES: readonly ProtestCue[] = [
  // ── criticism: global judgements of the partner ─────────────────────────────────────────
  {
    kind: 'criticism',
    pattern: cue("\\byou(?:'re| are|'ve|'d)?\\s+(?:\\w+\\s+){0,2}?(?:never|always|constantly|forever|continually)\\b"),
    // Love and thanks are not criticism; nor is a gentle request ("could you always text me").
    notAfter: new RegExp(
      '\\b(?:love|miss|thank|trust|believe|can|could|would|will|please|worried|scared|afraid|fear' +
        '|terrified|anxious|panicking|wonder|wondering|whether|if)\\s+(?:that\\s+)?$',
    ),
    notBefore: new RegExp(
      '^\\s*(?:know how to|make me (?:laugh|smile|feel (?:better|safe|loved|special|good))|cheer me' +
        '|help me|have my back|(?:are|were|have been) there|look (?:great|beautiful|nice|good)' +
        '|take care of me|get me|manage to make me)',
    ),
  },
  // Weak: "I get anxious every time you're late" describes a trigger, not a verdict.
  { kind: 'criticism', pattern: cue('\\b(?:every (?:single )?time|each time|whenever) you\\b'), weak: true },
  { kind: 'criticism', pattern: cue('\\byou (?:just )?keep (?:on )?\\w+ing\\b') },
  {
    kind: 'criticism',
    pattern: cue(
      "\\byou (?:\\w+ly )?(?:don't|do not|didn't|did not|won't|will not|can't|cannot|couldn't|wouldn't" +
        '|never) (?:even |ever |really |actually |bother to |seem to |want to |try to |care to ' +
        '|have time to |make time to )*(?:care|listen|love|respect|appreciate|help|think|try|understand' +
        '|notice|get it|give a|want (?:to be with|me|us)|value|support|remember|consider|pay attention' +
        '|make (?:time|an effort|any effort)|lift a finger|hear me|take me seriously' +
        '|take (?:anything|this|me) seriously|follow through|do anything|see me)\\b',
    ),
    notAfter: FEAR_PREFIX,
  },
  { kind: 'criticism', pattern: cue('\\b{youre} {adv}' + TRAITS + '\\b'), notAfter: /\b(?:if|when|called me)\s+$/ },
  {
    kind: 'criticism',
    pattern: cue('\\bstop (?:being|acting) (?:so |such an? |like an? )?\\w+'),
    notAfter: OWN_RESOLVE_PREFIX,
  },
  { kind: 'criticism', pattern: cue('\\b(?:so|such an?|how) ' + TRAITS + '\\b'), notAfter: SELF_PREFIX },
  {
    kind: 'criticism',
    pattern: cue('\\b(?:all |entirely |totally |completely )?your (?:own )?fault\\b|\\bbecause of you\\b'),
    negatable: true,
  },
  {
    kind: 'criticism',
    pattern: cue("\\byou (?:should(?:'ve| have)|could(?:'ve| have) at least|ought to have|were supposed to)\\b"),
  },
  // "I feel like you…" is a judgement of the partner dressed as a feeling, not an owned feeling.
  {
    kind: 'criticism',
    pattern: cue(
      '\\bi (?:just |really |honestly |kind of |kinda |sometimes |always )?(?:feel|felt) (?:like|that' +
        '|as if|as though) (?:you|your)\\b',
    ),
  },
  {
    kind: 'criticism',
    pattern: cue(
      "\\bi (?:just |really )?(?:feel|felt) you(?:'re| are)? (?:never|always|don't|do not|didn't|won't" +
        "|can't|only|just)\\b",
    ),
  },
  {
    kind: 'criticism',
    pattern: cue("\\b(?:is|it's|it is|everything(?:'s| is)) (?:it )?(?:always |all )*about (?:you|your)\\b"),
  },
  { kind: 'criticism', pattern: cue('\\byou (?:only|just) (?:ever )?(?:care|think) about (?:yourself|you|your)\\b') },
  { kind: 'criticism', pattern: cue('\\byou make (?:everything|it all|this|it) about you(?:rself)?\\b') },
  {
    kind: 'criticism',
    pattern: cue(
      "\\byou(?:'ve| have)? (?:ruin(?:ed|s)?|wreck(?:ed|s)?|destroy(?:ed|s)?) (?:everything|it all|my" +
        '|our|this|the)\\b',
    ),
  },
  { kind: 'criticism', pattern: cue("\\byou(?:'re| are) the (?:problem|reason (?:we|i|this|that|everything))\\b") },
  {
    kind: 'criticism',
    pattern: cue(
      '\\byou (?:make|made) me (?:feel (?:like|so|stupid|small|crazy|worthless|bad)' +
        '|so (?:angry|mad|sad)|crazy|miserable|sick|want to scream)\\b',
    ),
  },
  { kind: 'criticism', pattern: cue('\\b(?:how|why) (?:could|would|can) you\\b(?! (?:help|please))') },
  {
    kind: 'criticism',
    pattern: cue('\\bwhat were you (?:even )?thinking\\b|\\bi hate (?:it )?when you\\b|\\bwhat is it with you\\b'),
  },
  {
    kind: 'criticism',
    pattern: cue(
      "\\bi(?:'m| am) (?:so |just |completely |really )?done with (?:your|you and your|the way you" +
        '|how you)\\b|\\bare you (?:even|actually|ever) (?:listening|paying attention|trying' +
        '|hearing me)\\b',
    ),
  },
  {
    kind: 'criticism',
    pattern: cue(
      "\\bi(?:'m| am) (?:so |really |just |honestly )?(?:sick|tired)(?: and tired)? of (?:you|your|this" +
        "|it|always|the way you|how you|hearing|being|having to)\\b|\\byou(?:'d| would) rather\\b",
    ),
  },
  { kind: 'criticism', pattern: cue("\\byou (?:promised|said you would|said you'd|swore)\\b"), weak: true },
  { kind: 'criticism', pattern: cue('{start}typical(?: you| of you)?\\b') },
  {
    kind: 'criticism',
    pattern: cue(
      '\\byou\\b[^.!?;]{0,40}?\\b(?:as usual|like always|same as always|yet again|as always)\\b' +
        '|\\b(?:as usual|like always|yet again|once again),? you\\b',
    ),
  },
  { kind: 'criticism', pattern: cue("\\byou(?:'re| are)? (?:obviously|clearly) (?:don't|do not|didn't|not)\\b") },
  { kind: 'criticism', pattern: cue('\\bwhen you get like (?:this|that)\\b') },
  {
    kind: 'criticism',
    pattern: cue("\\bwhy (?:(?:can't|won't|didn't|couldn't|wouldn't|aren't) you|don't you (?:ever|even|just))\\b"),
    weak: true,
  },
  {
    kind: 'criticism',
    pattern: cue(
      '{start}(?:but |and |so |seriously,? |like |and )?(?:why|how come) (?:do|did|does|would|are|were' +
        "|is|isn't|must|should|have) you\\b",
    ),
    weak: true,
  },

  // ── contempt: insults, mockery, sarcasm, superiority ────────────────────────────────────
  { kind: 'contempt', pattern: cue('\\b{youre} {adv}' + INSULTS + '\\b') },
  {
    kind: 'contempt',
    pattern: cue(
      '\\b(?:idiot|moron|loser|pathetic|dumbass|asshole|arsehole|imbecile|bitch|bastard|clown|psycho' +
        '|laughable)\\b',
    ),
    notAfter: SELF_PREFIX,
  },
  {
    kind: 'contempt',
    pattern: cue(
      '\\bwhy (?:do|would|did) you (?:even )?(?:bother|try)\\b|\\bwhy (?:do|would|did) you even\\b' +
        '|\\bwhy even bother\\b',
    ),
  },
  {
    kind: 'contempt',
    pattern: cue(
      "\\b(?:what(?:'s| is) (?:wrong|the matter) with you|what(?:'s| is) your (?:problem|deal)" +
        '|who does that|are you (?:kidding|serious|joking|for real|insane|crazy|stupid|deaf|blind)' +
        '|how dare you|get a life|grow up|get over yourself|give me a break|cry me a river|boo[- ]?hoo' +
        '|poor (?:baby|you|thing)|(?:real|very|so|how) mature|whatever you say|yeah,? right' +
        "|like you(?:'d| would)? (?:even )?care|like you(?:'d| would) know|nice going|way to go" +
        "|if you say so|(?:i )?hope you(?:'re| are) happy|happy now\\?|shut up|get lost|piss off" +
        '|screw you|f(?:uck|\\*+) (?:you|off)|go to hell|i hate you|you disgust me|you make me sick' +
        "|i can't stand you|who asked you|nobody asked you|can't you take a joke|learn to take a joke" +
        "|lighten up|you wouldn't understand|don't strain yourself)\\b",
    ),
  },
  { kind: 'contempt', pattern: cue('{start}(?:big deal|good for you){end}') },
  {
    kind: 'contempt',
    pattern: cue('\\boh (?:great|wonderful|perfect|fantastic|brilliant|lovely|sure|please|goody|joy)\\b'),
  },
  {
    kind: 'contempt',
    pattern: cue(
      '\\b(?:great|perfect|wonderful|fantastic|brilliant),? (?:just|simply|absolutely|really) (?:great' +
        '|perfect|wonderful|fantastic|brilliant)\\b',
    ),
  },
  {
    kind: 'contempt',
    pattern: cue(
      '\\b(?:wow|gee|yeah|well),? thanks(?: a lot| so much| for nothing| for that)?{end}' +
        '|\\bgee,? thanks\\b|\\bthanks for nothing\\b' +
        '|\\bthank(?:s| you) (?:a lot |so much )?for (?:\\w+ )?(?:ruining|wrecking|embarrassing|ignoring' +
        '|forgetting|humiliating|ditching|abandoning|nothing)\\b',
    ),
  },
  {
    kind: 'contempt',
    pattern: cue(
      '\\b(?:another|the|real|nice one|thanks|ok|sure|yeah|mr\\.?|ms\\.?|oh),? (?:genius|einstein' +
        '|brainiac|smart guy|smarty pants|brilliant idea|bright idea|mastermind)\\b' +
        '|,\\s*(?:genius|einstein|brainiac|smart guy|mastermind)\\b',
    ),
  },
  {
    kind: 'contempt',
    pattern: cue(
      '\\bnice of you to (?:finally|bother|grace|show up|join us|turn up|remember|notice|deign)\\b' +
        '|\\bglad you could (?:finally )?(?:make it|join|show up|bother)\\b|\\bthanks for finally\\b' +
        "|\\blook who(?:'s| is) (?:finally )?(?:here|home|back|awake|talking)\\b" +
        '|\\byou finally (?:decided|bothered|deigned|managed|remembered) to\\b',
    ),
  },
  {
    kind: 'contempt',
    pattern: cue(
      '\\b(?:everyone|everybody|all (?:my|our|your) friends' +
        '|even your (?:own )?(?:mother|mom|mum|dad|father|friends|family|sister|brother)|anyone' +
        '|ask anyone) (?:agrees with me|(?:thinks?|knows?|says?|can see|sees|would say) (?:that )?you)\\b' +
        '|\\b(?:my|our) (?:friends|family|parents) (?:all )?(?:think|say|agree|know) (?:that )?you\\b',
    ),
  },
  {
    kind: 'contempt',
    pattern: cue(
      '\\b(?:just|exactly) like your (?:mother|mom|mum|father|dad|ex|brother|sister|family|parents)\\b' +
        "|\\byou(?:'re| are) (?:turning into|becoming) your (?:mother|mom|mum|father|dad)\\b",
    ),
  },
  {
    kind: 'contempt',
    pattern: cue(
      '\\b(?:nice|good|great|fantastic|brilliant) (?:job|work|one|going),? (?:\\w+ )?(?:ruining' +
        '|wrecking|breaking|forgetting|messing|screwing|embarrassing|ignoring|losing|missing|blowing)\\b',
    ),
  },
  { kind: 'contempt', pattern: cue('(?:🙄|\\*eye ?roll\\*|\\*rolls eyes\\*|\\beye ?roll\\b)') },
  {
    kind: 'contempt',
    pattern: cue(
      '\\b(?:wtf|ffs|smh|omfg|jfc|lol ok|ok lol|k lol)\\b|\\b(?:seriously|really|unbelievable)\\s*\\?+' +
        '|\\bjust saying\\b',
    ),
    weak: true,
  },

  // ── defensiveness: counter-blame, innocent victim, denial ───────────────────────────────
  {
    kind: 'defensiveness',
    pattern: cue(
      "\\b(?:not|n't) my fault\\b|\\bhow is (?:that|this|it) my fault\\b" +
        "|\\bwhy is (?:it|everything) always my fault\\b|\\bi(?:'m| am) not the (?:problem|one who)\\b",
    ),
  },
  {
    kind: 'defensiveness',
    pattern: cue(
      "\\b(?:don't|do not|stop|quit) (?:you )?(?:dare )?(?:blam(?:e|ing)|lectur(?:e|ing)|judg(?:e|ing)" +
        '|criticiz(?:e|ing)|criticis(?:e|ing)|accus(?:e|ing)|nag(?:ging)?|preach(?:ing)? (?:at|to)' +
        '|attack(?:ing)?|guilt[- ]trip(?:ping)?) me\\b' +
        "|\\b(?:don't|do not|stop) (?:you )?tell(?:ing)? me what to do\\b",
    ),
  },
  // "since you started the new job" is a time, not a counter-accusation.
  {
    kind: 'defensiveness',
    pattern: cue('\\byou (?:started|began) (?:it|this|the)\\b|\\byou started{end}|\\byou did it first\\b'),
    notAfter: /\b(?:since|when|after|before|until|till|as soon as|ever since)\s+$/,
  },
  {
    kind: 'defensiveness',
    pattern: cue(
      '\\bwhat about (?:when you|the time you|what you|all the times you' +
        '|your (?:own )?(?:behaviou?r|mistakes|tone))\\b',
    ),
  },
  {
    kind: 'defensiveness',
    pattern: cue(
      '\\bi (?:only|just) \\w+(?: \\w+){0,3} (?:because|cause|since) you\\b' +
        "|\\bi wouldn't have \\w+(?: \\w+){0,3} if you(?: hadn't)?\\b|\\bthe only reason i\\b",
    ),
  },
  {
    kind: 'defensiveness',
    pattern: cue(
      "\\byou(?:'re| are) the one who\\b|\\blook who(?:'s| is) talking\\b|\\bthat's rich\\b" +
        "|\\byou(?:'re| are) one to talk\\b|\\blike you(?:'re| are) (?:perfect|any better|a saint)\\b" +
        "|\\bas if you (?:never|don't|didn't)\\b" +
        '|\\byou (?:do|did|said|say|were|are|have done) (?:it|that|this|the same(?: thing)?|worse) (?:too' +
        "|as well|first)\\b|\\byou (?:didn't|don't|did not|never|haven't) \\w+(?: \\w+)? either\\b" +
        "|\\byou(?:'re| are) no better\\b",
    ),
  },
  {
    kind: 'defensiveness',
    pattern: cue(
      "\\bi (?:didn't|did not|never) (?:do anything|say (?:that|anything)|do that)(?: wrong)?\\b" +
        "|\\bthat(?:'s| is) not what (?:happened|i said)\\b" +
        '|\\bi was (?:just|only) (?:joking|kidding|being honest|trying to help)\\b' +
        '|\\bit was (?:just|only) a joke\\b',
    ),
  },
  {
    kind: 'defensiveness',
    pattern: cue(
      "\\byou(?:'re| are) (?:over-?reacting|too sensitive|so sensitive" +
        '|being (?:dramatic|sensitive|paranoid|ridiculous)' +
        '|making (?:a big deal|a mountain|this a thing|it a thing))\\b' +
        "|\\b(?:it's|it is|it was) not (?:a|that|that much of a) big (?:of a )?deal\\b" +
        '|{start}(?:just |please |ok |okay |oh )?(?:calm down|relax|chill(?: out)?){end}' +
        '|\\byou need to (?:calm down|relax|chill)\\b',
    ),
  },
  {
    kind: 'defensiveness',
    pattern: cue(
      "\\bif you (?:didn't|hadn't|weren't|wouldn't|did not|had not|stopped|would stop" +
        "|would just)\\b[^.?!]{0,40}?\\bi(?:'d| would)\\b",
    ),
  },
  {
    kind: 'defensiveness',
    pattern: cue('\\b(?:you made me (?:do|say|yell|shout|react|lose)|look what you made me|see what you made me)\\b'),
  },
  { kind: 'defensiveness', pattern: cue("\\bat least i (?:don't|didn't|do|did|am|'m|try|tried|show up|bother)\\b") },

  // ── withdrawal: shutting down, stonewalling, curt dismissal ─────────────────────────────
  {
    kind: 'withdrawal',
    pattern: cue(
      "{start}whatever\\b(?!\\s+(?:you need|works|time|is (?:easiest|best)|it takes|helps|you'd like" +
        '|you prefer|suits|you decide|you think))|\\bwhatever{end}',
    ),
    negatable: true,
  },
  {
    kind: 'withdrawal',
    pattern: cue(
      "\\bi (?:just |really |honestly |seriously |literally |truly )?(?:don't" +
        '|do not) (?:even )?care\\b(?=\\s*(?:[.!,?;-]|$|anymore|any more|what you' +
        '|about (?:you|us|this|it|that|anything|any of)|if you|either|at all))',
    ),
    negatable: true,
  },
  {
    kind: 'withdrawal',
    pattern: cue(
      "\\bi(?:'m| am) (?:so |just |completely |totally |literally |officially |seriously )?(?:done" +
        '|finished|through)\\b(?=\\s*(?:[.!,?;]|$|talking|arguing|discussing|explaining|trying|caring' +
        '|listening|here|with (?:this|the|that) (?:conversation|discussion|argument|topic|fight)))',
    ),
    negatable: true,
  },
  {
    kind: 'withdrawal',
    pattern: cue(
      "\\b(?:forget (?:it|i said anything|about it)|never ?mind|don't (?:even )?bother|silent treatment" +
        '|leave me alone|go away|talk to the hand|end of (?:discussion|story|conversation)' +
        '|conversation over|this conversation is over|i give up|suit yourself|have it your way' +
        '|do (?:what|whatever) you (?:want|like)|i have nothing (?:more )?to say|no comment' +
        '|not talking about (?:this|it)' +
        "|i'm not (?:talking|discussing|doing this|going to talk|going to discuss|having this|answering)" +
        "|i (?:don't|do not) want to (?:talk|discuss|hear)" +
        "|i (?:won't|will not) (?:say|talk|discuss|speak)|not (?:speaking|talking) to you" +
        "|(?:stop|quit) (?:texting|calling|messaging) me|don't (?:talk|text|call|speak) to me" +
        "|don't (?:ever )?(?:call|text|message) me again|who cares|i'm out of here|(?:see|as) if i care" +
        '|like i care|{start}fine,? (?:go|leave|whatever|be that way|have it your way|do it yourself' +
        "|then)|i'm out{end}|(?:let's )?(?:just )?drop it{end}|it doesn't matter(?: anymore)?{end}" +
        "|doesn't matter anymore)\\b",
    ),
    negatable: true,
  },
  { kind: 'withdrawal', pattern: cue("\\bi(?:'ll| will) (?:just )?(?:do|handle|fix|sort) it (?:all )?myself\\b") },
  { kind: 'withdrawal', pattern: cue("\\buntil you (?:apologi[sz]e|say (?:you're )?sorry|admit)\\b") },
  { kind: 'withdrawal', pattern: cue('\\bi want you (?:to leave|out|gone|to go away)\\b') },

  // ── threat: leaving, ending, ultimatums ─────────────────────────────────────────────────
  {
    kind: 'threat',
    pattern: cue(
      '\\b(?:(?:break(?:ing)?|split(?:ting)?) up\\b(?! (?:the|a|this|that|it|them|those|our|your|my' +
        '|some|\\w+s)\\b)|call(?:ing)? it quits|separation|divorc(?:e|ing)|get a lawyer|see a lawyer' +
        "|(?:we should|i want to|let's) separate)\\b",
    ),
    negatable: true,
  },
  {
    kind: 'threat',
    pattern: cue(
      '\\b(?:leav(?:e|ing)|dump(?:ing)?' +
        '|quit(?:ting)?) (?:you\\b(?!\\s+(?:a|an|the|some|my|your|alone|to|with|in|at|for|\\w+ing)\\b)' +
        '|this (?:relationship|marriage|house|family)|for good)',
    ),
    negatable: true,
  },
  {
    kind: 'threat',
    pattern: cue(
      "\\bi(?:'ll| will| should| could| might| may|'m going to| am going to|'m| am) (?:just |probably " +
        '|maybe |definitely |seriously |really |honestly )?(?:leave|leaving|walk out|move out|moving out' +
        '|pack(?:ing)? (?:my bags|my things|my stuff|up))\\b(?=\\s*(?:[.!?,;]|$|then|for good|if' +
        '|and never|and not come back))',
    ),
    negatable: true,
  },
  {
    kind: 'threat',
    pattern: cue(
      '\\b(?:maybe|perhaps) (?:i|we) should (?:just )?(?:(?:leave' +
        '|go)(?=\\s*(?:[.!?,;]|$|then|for good))|end (?:it|this|things)|stop (?:seeing each other|trying)' +
        '|not be together|take a break from (?:us|each other|this relationship))',
    ),
    negatable: true,
  },
  {
    kind: 'threat',
    pattern: cue(
      '\\b(?:mov(?:e|ing) out|pack(?:ing)? (?:my|your) (?:things|bags|stuff)|kick(?:ing)? you out' +
        '|end (?:this relationship|this marriage|us|things|it all)' +
        "|we(?:'re| are) (?:over|through|finished)|it(?:'s| is) over between us|this is over" +
        '|(?:done|through|finished) with (?:you|us' +
        '|this(?! (?:conversation|discussion|argument|topic|fight|week|job|project|book|show))' +
        "|this relationship|this marriage|it all|everything)|i can't do this any ?more" +
        "|what's the point of (?:us|this relationship|being together)|we shouldn't be together" +
        "|you(?:'ll| will) regret|you won't see me|last chance|or else|one more time and" +
        "|don't expect me to (?:stay|be here|come back))\\b",
    ),
    negatable: true,
  },
  {
    kind: 'threat',
    pattern: cue(
      '\\b(?:keep (?:this|it|that) up|(?:do|say|try) (?:that|this|it) (?:one more time|again)' +
        "|one more (?:word|lie|chance)) and\\b|\\bwe(?:'re| are) (?:so |totally |officially )?done{end}" +
        "|\\bwe(?:'re| are) done with (?:each other|this|us)\\b|\\bi swear(?: to god)?,? if you\\b",
    ),
    negatable: true,
  },
  {
    kind: 'threat',
    pattern: cue("\\bif (?:you|this|that) [^.!?]{0,40}?again,? (?:i(?:'ll| will| am|'m)|we(?:'re| are))\\b"),
    negatable: true,
  },

  // ── score-keeping: tallying past favours and past wrongs ────────────────────────────────
  {
    kind: 'score-keeping',
    pattern: cue("\\bi(?:'ve| have| had)? (?:\\w+ )?" + PAST_DEEDS + '\\b{gap}\\b{num} ' + UNITS + '\\b'),
  },
  {
    kind: 'score-keeping',
    pattern: cue(
      '\\b{num} ' +
        UNITS +
        "\\b{gap}\\b(?:and|but|while|whereas) you(?:'ve| have)? (?:\\w+ )?(?:\\w+ )?(?:once|twice|never" +
        '|zero|nothing|none|not once)\\b',
    ),
  },
  {
    kind: 'score-keeping',
    pattern: cue(
      "\\byou(?:'ve| have)? (?:only )?(?:did|done|do|made|cooked|cleaned|paid) (?:it |that |this " +
        '|anything |something |one )?(?:once|twice|zero times|one time)\\b',
    ),
  },
  {
    kind: 'score-keeping',
    pattern: cue(
      "\\b(?:i(?:'m| am) always the one|i always have to|i(?:'m| am) the only one (?:who|that)" +
        "|i do (?:everything|all the|all of|most of)|all i (?:ever )?do is|i(?:'m| am) the one who always" +
        '|i always end up)\\b',
    ),
  },
  {
    kind: 'score-keeping',
    pattern: cue(
      '\\b(?:last|that) (?:time|week|month|year|christmas|summer|weekend|night|birthday|holiday' +
        "|anniversary) (?:when )?you (?:also |even |still |just )?(?:forgot|didn't|did not|never|said" +
        '|left|missed|ignored|yelled|lied|cancel(?:l)?ed|broke|promised|blew|flirted|were late' +
        "|showed up late)\\b|\\bremember (?:when|the time|that time) you (?:forgot|didn't|never|said|left" +
        '|missed|ignored|yelled|lied|cancel(?:l)?ed|broke|promised)\\b',
    ),
  },
  {
    kind: 'score-keeping',
    pattern: cue(
      "\\b(?:the|that's the|this is the|it's the) (?:second|third|fourth|fifth|tenth" +
        '|\\d+(?:st|nd|rd|th)|hundredth|millionth|umpteenth) time (?:you|this|that)\\b' +
        '|\\bfor the (?:hundredth|millionth|umpteenth|\\d+th|third|fourth|fifth|tenth) time\\b' +
        '|\\bhow many times (?:have i|do i|did i|must i)\\b|\\byou (?:still )?owe me\\b' +
        '|\\bkeeping (?:score|track|count)\\b',
    ),
  },
  {
    kind: 'score-keeping',
    pattern: cue(
      '\\bmyself,? (?:like|as) (?:always|usual|every time|i always do)\\b' +
        '|,? (?:like|as) i always (?:do|have to)\\b',
    ),
  },
  {
    kind: 'score-keeping',
    pattern: cue(
      "\\bi(?:'ve| have)? (?:done|did|do|cooked|cleaned|handled|paid(?: for)?|made|taken|took|covered" +
        '|organi[sz]ed) (?:every|all)\\b[^.?!]{0,60}?\\b(?:while|and|but|whereas) you\\b',
    ),
  },
  {
    kind: 'score-keeping',
    pattern: cue(
      "\\bi(?:'ve| have)? (?:asked|told|reminded|begged) you\\b[^.?!]{0,40}?\\b{num} times\\b" +
        "|\\b{num} times i(?:'ve| have)? (?:asked|told|reminded)\\b",
    ),
  },
  {
    kind: 'score-keeping',
    pattern: cue(
      '\\b{num} (?:\\w+ )?in a row (?:that )?you\\b' +
        "|\\byou(?:'ve| have)? (?:forgotten|forgot|missed|cancel(?:l)?ed|skipped|blown off" +
        '|ignored) (?:\\w+ ){0,2}?{num} (?:times|\\w+s)\\b' +
        "|\\b(?:that's|that is|this is|that makes) (?:the )?{num} (?:\\w+ )?(?:times" +
        '|\\w+s)\\b[^.?!]{0,30}\\byou\\b',
    ),
  },

  // ── pursuit: demands for contact, now ───────────────────────────────────────────────────
  {
    kind: 'pursuit',
    pattern: cue(
      '\\b' +
        CONTACT_VERBS +
        '\\b[^.?!]{0,45}?\\b(?:right now|now(?! that)|immediately|this instant|this minute|this second' +
        '|right away|at once)\\b',
    ),
    notAfter: /\bi(?:'ll| will)\s+$/,
  },
  {
    kind: 'pursuit',
    pattern: cue(
      '\\byou (?:have|need|got|better|must) to\\b[^.?!]{0,60}?\\b(?:right now|now(?! that)|immediately' +
        '|this instant|this minute|right away)\\b',
    ),
  },
  {
    kind: 'pursuit',
    pattern: cue(
      '\\b(?:answer|pick up) (?:me|your (?:phone|texts?|calls?|messages?|damn phone)' +
        '|the (?:damn |fucking )?phone|my calls?)\\b' +
        '|\\b(?:call|text|message|ring) me back\\b(?!\\s+(?:when|if|whenever|once|after|later|tomorrow' +
        '|in))|\\banswer me\\b',
    ),
  },
  {
    kind: 'pursuit',
    pattern: cue(
      "\\bwhy (?:haven't|aren't|didn't|won't|don't|hasn't|isn't) (?:you" +
        '|your phone) (?:\\w+ )?(?:text(?:ed|ing)?|call(?:ed|ing)?|answer(?:ed|ing)?|repl(?:ied|ying)' +
        '|respond(?:ed|ing)?|pick(?:ed|ing)? up|writ(?:ten|ing)|messag(?:ed|ing)|gotten back' +
        '|get(?:ting)? back|back)\\b|\\bwhy is your phone (?:off|dead)\\b',
    ),
  },
  {
    kind: 'pursuit',
    pattern: cue(
      '\\b(?:sent|called|texted|messaged|rung' +
        '|tried (?:calling|to call|texting|to reach))[^.?!]{0,20}?\\b{num} (?:messages|texts|calls' +
        '|voicemails|times|emails)\\b|\\b{num} (?:messages|texts|missed calls|voicemails|unanswered)\\b',
    ),
  },
  {
    kind: 'pursuit',
    pattern: cue(
      '\\bwhere (?:are|were|the hell are|the hell were|have) you(?: been)?\\b' +
        '|\\bwho (?:are|were) you (?:with|texting|talking to|out with)\\b' +
        "|\\bwho you (?:are|were|'re) (?:with|texting|talking to|out with)\\b" +
        '|\\bare you (?:there|ignoring me|even there|alive|getting (?:these|my))\\b|\\byou there\\s*\\?' +
        "|\\b(?:stop|quit) ignoring me\\b|\\bdon't ignore me\\b|\\byou can't ignore me\\b" +
        '|\\bwe (?:need|have) to talk (?:right now|now)\\b' +
        "|\\bi(?:'m| am) coming over(?: right now| now| there)?{end}",
    ),
    notBefore: /^\s*(?:going|gonna|headed|heading|planning|thinking|staying|parked|parking|meeting|eating|off to)\b/,
  },
  { kind: 'pursuit', pattern: cue('{start}(?:hello|helo|hey|hi|yo)\\s*\\?+') },
  {
    kind: 'pursuit',
    pattern: cue(
      '\\b(?:answer|call|pick up|text|reply|respond' +
        '|come (?:home|back|here))\\b[.!\\s]{1,4}(?:right )?now\\b|{start}(?:pick up|answer)\\s*[.!]+|\\b' +
        CONTACT_VERBS +
        '\\b[^.?!]{0,45}[.!]\\s*(?:right )?now\\s*[.!]*$',
    ),
  },
  { kind: 'pursuit', pattern: cue('\\?{2,}'), weak: true },

  // ── guilt: manipulating with love, sacrifice or self-pity ───────────────────────────────
  {
    kind: 'guilt',
    pattern: cue(
      '\\bif you (?:really |truly |actually |even ' +
        '|ever )?(?:(?:loved|love|cared (?:about|for)|care (?:about|for)|respected|valued) (?:me|us)' +
        '|(?:loved|cared|respected|valued)\\b(?! (?:about|for) (?:it|that|this|the|them|him|her)))\\b' +
        '|\\bif i (?:meant|mattered|was important' +
        '|were important)(?: (?:anything|something|at all))? to you\\b',
    ),
  },
  {
    kind: 'guilt',
    pattern: cue(
      "\\bafter (?:all|everything) (?:that )?i(?:'ve| have)? (?:done|given|sacrificed|been through" +
        '|put up with|do)\\b|\\bafter all i do\\b' +
        '|\\bi gave up (?:everything|so much|my (?:career|job|friends|life))\\b|\\bi sacrificed\\b',
    ),
  },
  {
    kind: 'guilt',
    pattern: cue(
      '\\bthis is how you (?:treat|repay|thank)\\b|\\bhow could you do this to me\\b' +
        '|\\byou know how much (?:that|this|it) hurts\\b',
    ),
  },
  {
    kind: 'guilt',
    pattern: cue(
      "\\bi guess (?:i(?:'m| am) (?:not|just|nothing|only|the)|i don't (?:matter|count)" +
        "|i(?:'ll| will) just|you don't (?:care|need|want))\\b" +
        "|\\bi(?:'m| am) (?:not|never) (?:important|good|enough|a priority)(?: enough)? (?:for|to) you\\b" +
        "|\\bnot (?:important|good) enough (?:for|to) you\\b|\\bi(?:'m| am) nothing to you\\b" +
        "|\\bmy (?:feelings|needs|opinions?|words|wishes) (?:don't|do not|never|doesn't) (?:matter" +
        "|count)\\b|\\bi don't (?:matter|count) to you\\b|\\bi(?:'m| am) (?:always )?the bad guy\\b" +
        "|\\byou(?:'d| would) be (?:better off|happier) without me\\b" +
        '|\\bno ?one (?:cares about|loves) me\\b|\\bthanks to you,? i\\b' +
        "|\\bi(?:'ll| will) just (?:\\w+ ){0,4}?(?:alone|by myself|on my own)(?: then| again" +
        "|,? like (?:i )?always)|\\bi(?:'ll| will) just (?:sit|wait|stay|be) (?:here|alone" +
        '|home)\\b(?! (?:until|till|for|and))',
    ),
    notAfter: FEAR_PREFIX,
  },

  // ── jealousy: comparisons with other people, provoking jealousy ─────────────────────────
  {
    kind: 'jealousy',
    pattern: cue(
      '\\bsomeone (?:else )?(?:who|that) (?:actually |really |at least |truly |would |will )?(?:notices' +
        '|cares about|listens to|appreciates|wants|texts me back|answers|loves|values|respects|treats me' +
        '|makes time for|compliments)\\b',
    ),
    negatable: true,
  },
  {
    kind: 'jealousy',
    pattern: cue(
      '\\b' +
        RIVALS +
        '\\b (?:\\w+ ){0,2}?(?:actually |always |at least |would |would never |never |still |even |does ' +
        '|did )?' +
        CARES_FOR_ME +
        '\\b',
    ),
  },
  {
    kind: 'jealousy',
    pattern: cue(
      '\\b(?:he|she|they|someone|somebody)\\b (?:actually|always|at least|would|even|still) ' + CARES_FOR_ME + '\\b',
    ),
  },
  {
    kind: 'jealousy',
    pattern: cue('\\b' + RIVALS + '\\b (?:always|actually|at least|would never|never forgets?|still|even) \\w+'),
  },
  {
    kind: 'jealousy',
    pattern: cue(
      '\\b(?!you\\b|i\\b|we\\b)[a-z]+ (?:always|actually|at least|still|somehow) (?:finds?' +
        '|makes?) (?:the )?time (?:for|to \\w+) me\\b' +
        "|\\bi(?:'ll| will| might| could| should| may)\\b[^.?!]{0,25}\\bmy ex\\b",
    ),
  },
  { kind: 'jealousy', pattern: cue("\\bi bet (?:he|she|they|[a-z]+) would(?:'ve| have)?\\b") },
  { kind: 'jealousy', pattern: cue('\\bat least (?:he|she|they|[a-z]+) (?:\\w+ )?' + CARES_FOR_ME + '\\b') },
  {
    kind: 'jealousy',
    pattern: cue(
      "\\bwhy can't you be (?:more )?like\\b|\\bunlike you\\b" +
        '|\\b(?:maybe )?i should (?:date|see|go out with|find|call|text) (?:someone|somebody|my ex)\\b' +
        "|\\bi(?:'ll| will| could| might) (?:just )?(?:go out with|find|date|see|call|text" +
        '|hook up with) (?:someone|somebody|my ex)\\b|\\bi could (?:have|get) anyone\\b' +
        '|\\bplenty of (?:other )?(?:guys|girls|men|women|people|fish)\\b' +
        '|\\b(?:guys|girls|men|women|people) (?:are|keep|were) (?:hitting on|asking me out|flirting with' +
        '|checking me out)\\b|\\bsomeone (?:asked me out|hit on me|flirted with me)\\b' +
        '|\\b(?:my ex|other (?:guys|girls|men|women)) (?:would|never|always|used to)\\b',
    ),
    negatable: true,
  },
];
