/**
 * Reading a flagged sentence for what the person wants, so a suggested rewrite can say it back in
 * their own words: "you never text me back" → wish "text me back"; "you always walk away" →
 * situation "when you walk away". Pure string work, tuned for how people write when flooded
 * (texting shorthand, no punctuation, capitals, emoji, several sentences in one breath).
 */

/** Shorthand and apostrophe-less forms → the words a calm sentence would use. */
const SHORTHAND: Readonly<Record<string, string>> = {
  u: 'you',
  ya: 'you',
  r: 'are',
  i: 'I',
  im: "I'm",
  ive: "I've",
  ill: "I'll",
  id: "I'd",
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  cant: "can't",
  wont: "won't",
  isnt: "isn't",
  wasnt: "wasn't",
  havent: "haven't",
  wouldnt: "wouldn't",
  couldnt: "couldn't",
  youre: "you're",
  youve: "you've",
  thats: "that's",
  txt: 'text',
  msg: 'message',
  pls: 'please',
  plz: 'please',
  bc: 'because',
  cuz: 'because',
  coz: 'because',
  rn: 'right now',
  tmrw: 'tomorrow',
  tonite: 'tonight',
  '2nite': 'tonight',
  ppl: 'people',
  abt: 'about',
  w: 'with',
  wtf: '',
  ffs: '',
  smh: '',
  omg: '',
  lol: '',
  jfc: '',
  ugh: '',
};

/** "ur" is "you're" before a state or an -ing word, otherwise "your". */
const UR_AS_YOU_ARE = /^(?:always|never|so|too|such|just|not|being|literally|really|constantly|the|a|an|\w+ing)$/i;

/** Emoji, pictographs, and *stage directions* carry tone, not content. */
const NOISE = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\*[^*]{1,30}\*/gu;

/** Makes a flooded sentence readable without changing what it says. */
export function tidy(text: string): string {
  const words = text
    .replace(NOISE, ' ')
    .replace(/[’‘`]/g, "'")
    .replace(/([!?.])\1+/g, '$1')
    .replace(/([a-z])\1{2,}/gi, '$1')
    .split(/\s+/)
    .filter(Boolean);
  const out: string[] = [];
  words.forEach((raw, i) => {
    const m = /^([("']*)([\p{L}\p{N}']+)([^\p{L}\p{N}']*)$/u.exec(raw);
    if (!m) {
      out.push(raw);
      return;
    }
    const [, pre, core, post] = m as unknown as [string, string, string, string];
    let word = core;
    const lower = core.toLowerCase();
    if (lower === 'ur') word = UR_AS_YOU_ARE.test(words[i + 1] ?? '') ? "you're" : 'your';
    else if (lower in SHORTHAND) word = SHORTHAND[lower]!;
    else if (core.length > 1 && core === core.toUpperCase() && /\p{Lu}/u.test(core)) word = lower;
    if (word === '' && !post.trim()) return;
    out.push(`${pre}${word}${post}`);
  });
  return out
    .join(' ')
    .replace(/\s+([,.!?;:])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Past forms people use after "never" ("you never called"), back to the form a request needs. */
const IRREGULAR: Readonly<Record<string, string>> = {
  said: 'say',
  did: 'do',
  came: 'come',
  made: 'make',
  took: 'take',
  gave: 'give',
  told: 'tell',
  left: 'leave',
  forgot: 'forget',
  thought: 'think',
  got: 'get',
  went: 'go',
  bought: 'buy',
  brought: 'bring',
  heard: 'hear',
  paid: 'pay',
  spent: 'spend',
  kept: 'keep',
  sent: 'send',
  felt: 'feel',
  saw: 'see',
  ate: 'eat',
  wrote: 'write',
  rang: 'ring',
  met: 'meet',
  sat: 'sit',
  stood: 'stand',
  understood: 'understand',
  knew: 'know',
  showed: 'show',
  was: 'be',
  were: 'be',
  had: 'have',
  put: 'put',
  let: 'let',
  read: 'read',
  set: 'set',
  cut: 'cut',
  answered: 'answer',
  listened: 'listen',
  offered: 'offer',
  remembered: 'remember',
  bothered: 'bother',
};
/** Words ending in -ed that are already a plain verb. */
const ED_BASES = new Set([
  'need',
  'feed',
  'bleed',
  'speed',
  'shed',
  'wed',
  'heed',
  'seed',
  'proceed',
  'succeed',
  'exceed',
]);

/** "called" → "call", "tried" → "try", "stopped" → "stop", "noticed" → "notice". */
export function baseVerb(word: string): string {
  const w = word.toLowerCase();
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (!w.endsWith('ed') || w.length < 4 || ED_BASES.has(w)) return w;
  if (w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  const stem = w.slice(0, -2);
  if (/([bdgklmnprt])\1$/.test(stem) && !/(?:ll|ss)$/.test(stem)) return stem.slice(0, -1);
  if (
    /(?:[cgvz]|[^aeiou][aeiou][ckst]|at|ur|ar|os|us|ir|is|iz|as)$/.test(stem) &&
    !/(?:ck|ok|ss|ect|ast|ist|ust)$/.test(stem)
  ) {
    return `${stem}e`;
  }
  return stem;
}

/** Fillers that make sense in a complaint but not in a request ("for once", "ever", "anymore"). */
const TRAILING_FILLER = new RegExp(
  '(?:\\s+(?:anymore|any more|ever|at all|for once|for a change|once|like ever|again|either' +
    '|seriously|honestly|literally|smh|lol|or what|huh|or anything|yesterday|last night|last week' +
    '|this morning|earlier|today|before))+$',
  'i',
);
const INNER_FILLER = new RegExp(
  '\\b(?:even|ever|always|never|constantly|just|literally|actually|once|bother to|care to' + '|seriously)\\s+',
  'gi',
);

/** Where a complaint's clause ends: punctuation, or a turn to another thought. */
const CLAUSE_END = /[,.!?;:]|\s(?:and|but|so that|because|cause|like|then|while|whereas|which|or)\s|\s-\s|$/i;

function clauseFrom(text: string, index: number): string {
  const rest = text.slice(index);
  const end = rest.search(CLAUSE_END);
  return (end < 0 ? rest : rest.slice(0, end)).trim();
}

/** At most this many words: a longer capture is a run-on that would not read as one request. */
const MAX_WORDS = 10;

function shape(vp: string, base: boolean): string | null {
  let v = vp
    .replace(INNER_FILLER, '')
    .replace(TRAILING_FILLER, '')
    .replace(/[^\p{L}\p{N}'’ -]+$/u, '')
    .trim();
  if (!v || !/\p{L}/u.test(v)) return null;
  const words = v.split(' ');
  if (words.length > MAX_WORDS) return null;
  if (base) words[0] = baseVerb(words[0]!);
  v = words.join(' ');
  // A clause cut short reads as broken English ("could you stop being").
  if (
    new RegExp(
      '\\b(?:being|to|the|a|an|my|your|with|about|for|of|at|in|on|and|or|that|is|be|anyone|anybody' +
        '|anything|everyone|everything)$',
      'i',
    ).test(v)
  )
    return null;
  // Nothing that would put the complaint back in ("could you stop being so selfish").
  if (
    new RegExp(
      '\\b(?:be|being|have|get)\\s+(?:so|such|that|this)\\b' +
        '|\\b(?:lazy|selfish|stupid|useless|rude|pathetic|idiot|dumb|childish|crazy|mean)\\b',
      'i',
    ).test(v)
  )
    return null;
  return v.replace(/\bi\b/g, 'I');
}

export interface Wanted {
  /** What they would like the partner to do, as a plain verb phrase ("text me back"). */
  wish: string | null;
  /** What happened, said without the "always" ("when you walk away"). */
  situation: string | null;
}

/** A missing good thing: "you never X", "you don't even X", "why can't you X", "is it that hard to X". */
const WISH_CUES: ReadonlyArray<RegExp> = [
  new RegExp(
    "\\byou (?:never|don't ever|do not ever|don't even|never even|hardly ever|rarely|barely" +
      "|didn't even|did not even|couldn't even|can't even|won't even)\\s+",
    'i',
  ),
  /\bwhy (?:can't|won't|don't|didn't|couldn't|wouldn't) you(?: ever| even| just)?\s+/i,
  new RegExp(
    '\\b(?:is it (?:really )?(?:that|so) hard to|would it kill you to|how hard is it to' +
      "|too much to ask (?:for you )?to|you can't (?:even )?be bothered to" +
      "|you couldn't (?:even )?be bothered to|you didn't bother to|you never bother to)\\s+",
    'i',
  ),
  new RegExp(
    "\\byou (?:don't|do not|didn't|did not|won't|will not|can't|cannot|couldn't" +
      "|wouldn't)\\s+(?=(?:help|listen|call|text|ask|answer|reply|tell|say|show|make|clean|cook|pick" +
      '|check|come|stay|wait|care about|think about|plan|try|remember|notice|look|touch|hug|kiss|thank' +
      '|support|back me|spend|talk|let|include|invite|respect|trust|share|offer|do|take|give|put|get' +
      '|turn|close|open|wash|tidy|pay|bring)\\b)',
    'i',
  ),
];

/** A recurring bad thing: "you always X", "you keep X", "every time you X", "stop X-ing". */
const SITUATION_CUES: ReadonlyArray<[RegExp, (vp: string) => string]> = [
  [/\b(?:you're|you are) (?:always|constantly|forever|never not)\s+/i, (vp) => `when you're ${vp}`],
  [/\byou (?:always|constantly)\s+/i, (vp) => `when you ${vp}`],
  [/\byou (?:keep on|keep)\s+(?=\w+ing\b)/i, (vp) => `when you keep ${vp}`],
  [/\b(?:every (?:single )?time|whenever) you\s+/i, (vp) => `when you ${vp}`],
  [/\bwhy (?:do|did|are|would) you (?:always |even |keep |just )?/i, (vp) => `when you ${vp}`],
  [/\b(?:stop|quit)\s+(?=\w+ing\b)/i, (vp) => `when you're ${vp}`],
];

/** Reads a tidy clause for a wish and a situation; either may be missing. */
export function wanted(sentence: string): Wanted {
  let wish: string | null = null;
  let situation: string | null = null;
  for (const cue of WISH_CUES) {
    const m = cue.exec(sentence);
    if (!m) continue;
    wish = shape(clauseFrom(sentence, m.index + m[0].length), true);
    if (wish) break;
  }
  for (const [cue, make] of SITUATION_CUES) {
    const m = cue.exec(sentence);
    if (!m) continue;
    const vp = shape(clauseFrom(sentence, m.index + m[0].length), false);
    if (vp && !/^(?:right|wrong|the one|so|such|too)\b/i.test(vp)) {
      situation = make(vp);
      break;
    }
  }
  return { wish, situation };
}
