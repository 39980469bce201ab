/**
 * Text normalisation for the statement checker.
 *
 * People write in a hurry when they are flooded: lower case, no apostrophes, texting
 * shorthand ("u never", "ur so", "idc"), stretched words ("sooo", "hellooo"), curly quotes.
 * The cue lexicons are written once against a canonical form ("you never", "i don't care"),
 * and this module maps messy input onto that form. It also keeps, for every character of the
 * normalised text, where it came from in the original, so a cue can quote the person's own
 * words back to them rather than our rewrite of them.
 */

export interface Normalized {
  /** Canonical form: lower case, straight apostrophes, shorthand expanded, single spaces. */
  text: string;
  /** For each character of `text`, the [start, end) of the original token it came from. */
  origin: Array<readonly [number, number]>;
  /** The untouched input. */
  original: string;
  /** Written mostly in capitals (shouting), judged on the original letters. */
  shouting: boolean;
}

/**
 * Texting shorthand and apostrophe-less contractions → canonical words.
 * Only unambiguous forms are here; ambiguous ones ("ill", "ur") are handled in context below.
 */
const SHORTHAND: Readonly<Record<string, string>> = {
  u: 'you',
  yu: 'you',
  r: 'are',
  y: 'why',
  b: 'be',
  youre: "you're",
  youve: "you've",
  youll: "you'll",
  youd: "you'd",
  im: "i'm",
  ive: "i've",
  id: "i'd",
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  cant: "can't",
  wont: "won't",
  isnt: "isn't",
  arent: "aren't",
  wasnt: "wasn't",
  werent: "weren't",
  havent: "haven't",
  hasnt: "hasn't",
  hadnt: "hadn't",
  wouldnt: "wouldn't",
  shouldnt: "shouldn't",
  couldnt: "couldn't",
  aint: "ain't",
  theyre: "they're",
  thats: "that's",
  whats: "what's",
  wheres: "where's",
  whos: "who's",
  hows: "how's",
  shouldve: "should've",
  couldve: "could've",
  wouldve: "would've",
  gonna: 'going to',
  wanna: 'want to',
  gotta: 'got to',
  dunno: "don't know",
  idc: "i don't care",
  idk: "i don't know",
  idgaf: "i don't care",
  nvm: 'never mind',
  nm: 'never mind',
  ily: 'i love you',
  cuz: 'because',
  coz: 'because',
  cos: 'because',
  bc: 'because',
  bcuz: 'because',
  becuz: 'because',
  tho: 'though',
  pls: 'please',
  plz: 'please',
  plez: 'please',
  thx: 'thanks',
  thnx: 'thanks',
  ty: 'thanks',
  rn: 'right now',
  asap: 'right now',
  ppl: 'people',
  txt: 'text',
  msg: 'message',
  msgs: 'messages',
  b4: 'before',
  '2day': 'today',
  '2nite': 'tonight',
  tonite: 'tonight',
  l8r: 'later',
  luv: 'love',
  srsly: 'seriously',
  whatevs: 'whatever',
  whatev: 'whatever',
  watever: 'whatever',
  whateva: 'whatever',
  wateva: 'whatever',
  wat: 'what',
  wen: 'when',
  rly: 'really',
  lemme: 'let me',
  gimme: 'give me',
  thru: 'through',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmw: 'tomorrow',
  wtv: 'whatever',
  wld: 'would',
  cld: 'could',
  shld: 'should',
  every1: 'everyone',
  omw: 'on my way',
  wut: 'what',
  abt: 'about',
  hv: 'have',
  cmon: 'come on',
  sry: 'sorry',
  soz: 'sorry',
  prolly: 'probably',
  okay: 'ok',
  okey: 'ok',
  kk: 'k',
  kay: 'k',
  yea: 'yeah',
  ya: 'yeah',
  yep: 'yeah',
  yup: 'yeah',
};

/** Words after which "ill" means sick, not "I'll". */
const ILL_AS_SICK = new Set([
  "i'm",
  'am',
  'feel',
  'feeling',
  'felt',
  'was',
  'been',
  'so',
  'very',
  'is',
  'are',
  'getting',
  'got',
  'really',
  'too',
  'still',
  'be',
]);

const WORD = /[\p{L}\p{N}'’‘`]+/uy;

/** Stretched words: three or more of one letter become one ("sooo" → "so", "hellooo" → "hello"). */
function unstretch(word: string): string {
  return word.replace(/(\p{L})\1{2,}/gu, '$1');
}

function isShouting(original: string): boolean {
  const letters = original.replace(/[^\p{L}]/gu, '');
  if (letters.length < 6) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  const words = original.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;
  return words >= 2 && upper / letters.length > 0.8;
}

export function normalize(original: string): Normalized {
  const tokens: Array<{ text: string; start: number; end: number; word: boolean }> = [];
  let i = 0;
  while (i < original.length) {
    WORD.lastIndex = i;
    const m = WORD.exec(original);
    if (m) {
      tokens.push({ text: m[0], start: i, end: i + m[0].length, word: true });
      i += m[0].length;
      continue;
    }
    const ch = original[i] ?? '';
    if (/\s/.test(ch)) {
      let j = i;
      while (j < original.length && /\s/.test(original[j] ?? '')) j++;
      tokens.push({ text: ' ', start: i, end: j, word: false });
      i = j;
      continue;
    }
    tokens.push({ text: ch, start: i, end: i + 1, word: false });
    i++;
  }

  let text = '';
  const origin: Array<readonly [number, number]> = [];
  let prevWord = '';
  const push = (s: string, start: number, end: number) => {
    for (const c of s) {
      text += c;
      origin.push([start, end] as const);
    }
  };

  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!;
    if (!tok.word) {
      if (tok.text === ' ' && (text.length === 0 || text.endsWith(' '))) continue;
      push(tok.text.toLowerCase(), tok.start, tok.end);
      continue;
    }
    let w = unstretch(tok.text.toLowerCase().replace(/[’‘`]/g, "'"));
    // A contraction typed apart from its word ("i 've", "you 're") belongs to that word.
    if (/^'(?:ve|m|ll|d|re|s)$/.test(w) && text.endsWith(' ') && /[\p{L}]$/u.test(text.slice(0, -1))) {
      text = text.slice(0, -1);
      origin.pop();
      push(w, tok.start, tok.end);
      prevWord = w;
      continue;
    }
    // Trim stray quotes used as quotation marks rather than apostrophes.
    w = w.replace(/^'+|'+$/g, '') || w;
    if (w === 'ill' && !ILL_AS_SICK.has(prevWord)) w = "i'll";
    else if (w === 'ur')
      w = 'your'; // "ur" is either; the lexicon accepts "your" wherever it means "you're".
    else if (w === 'i' && tokens[t + 1]?.text === ' ' && tokens[t + 2]?.text.toLowerCase() === 'm') {
      // "i m tired" → "i'm tired"
      w = "i'm";
      t += 2;
    } else {
      w = SHORTHAND[w] ?? w;
    }
    push(w, tok.start, t < tokens.length ? tokens[t]!.end : tok.end);
    prevWord = w.split(' ').pop() ?? w;
  }
  // Trailing space left by input ending in whitespace.
  while (text.endsWith(' ')) {
    text = text.slice(0, -1);
    origin.pop();
  }
  return { text, origin, original, shouting: isShouting(original) };
}

/** A [start, end) range of the original text. */
export interface Range {
  start: number;
  end: number;
}

/**
 * Where [start, end) of the normalised text came from in the original, trimmed to the words:
 * cues may include the clause break they start after (". Typical").
 */
export function originalRange(n: Normalized, start: number, end: number): Range {
  const first = n.origin[start];
  const last = n.origin[Math.max(start, end - 1)];
  let a = first ? first[0] : 0;
  let b = last ? last[1] : n.original.length;
  const lead = /^(?:[\s.,;:!-]+|\?+\s+(?=\S))*/.exec(n.original.slice(a, b))?.[0].length ?? 0;
  a += lead;
  const trail = /[\s,;:.-]*$/.exec(n.original.slice(a, b))?.[0].length ?? 0;
  b -= trail;
  return b > a ? { start: a, end: b } : { start: first ? first[0] : 0, end: last ? last[1] : n.original.length };
}
