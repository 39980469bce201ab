/**
 * Feature extraction for the learned checker.
 *
 * Four groups, each scaled to the same length (L2 norm = its weight) so that a long message
 * with many character n-grams does not drown out its few words:
 * - words: unigrams, bigrams (with `^` for a sentence start), and unigrams inside the scope of a
 *   negation ("don't … care" → `n:care`), all on the normalised text (texting expanded);
 * - chars: 3–4 character n-grams inside each word, so typos and stretched or clipped spellings
 *   land near the word they mean;
 * - meta: punctuation runs ("??", "…"), emoji, ALL-CAPS words, message length;
 * - rules: every cue of the rule engine and the tone lexicon, by kind or need.
 * Each feature remembers where in the original text it came from, for explanations.
 */
import { normalize, type Normalized, type Range } from './normalize.js';
import { analyzeRules, type RuleAnalysis } from './rules.js';

export interface FeatureConfig {
  /** Length of each group's part of the vector. */
  word: number;
  char: number;
  meta: number;
  rule: number;
  /** Smallest and largest character n-gram. */
  charMin: number;
  charMax: number;
  /** Words after a negation that are marked as negated. */
  negationScope: number;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  word: 1,
  char: 0.5,
  meta: 0.5,
  rule: 1,
  charMin: 3,
  charMax: 4,
  negationScope: 3,
};

/** A word of the normalised text and where it came from in the original. */
export interface Token extends Range {
  word: string;
  /** Index of its clause (clauses split at punctuation and "but"). */
  clause: number;
}

export interface Features {
  n: Normalized;
  rules: RuleAnalysis;
  tokens: Token[];
  /** Feature name → value. */
  values: Map<string, number>;
  /** Feature name → the original ranges it was seen at (only when asked for). */
  ranges: Map<string, Range[]>;
}

type Group = 'word' | 'char' | 'meta' | 'rule';

const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;
const NEGATOR = /^(?:not|no|never|nothing|nobody|none|nowhere|neither|nor|without|cannot|[a-z]+n't)$/;
const CLAUSE_GAP = /[.!?;,:\n…]|\s-\s/;
const SENTENCE_GAP = /[.!?\n…]/;
const EMOJI = /\p{Extended_Pictographic}/gu;

function tokenize(n: Normalized): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let prevEnd = 0;
  for (const m of n.text.matchAll(TOKEN)) {
    const s = m.index;
    const e = s + m[0].length;
    const first = n.origin[s];
    const last = n.origin[e - 1];
    if (!first || !last) continue;
    // Gaps are read in the original: normalising turns a line break into a space.
    if (tokens.length > 0 && (CLAUSE_GAP.test(n.original.slice(prevEnd, first[0])) || m[0] === 'but')) clause++;
    tokens.push({ word: m[0], start: first[0], end: last[1], clause });
    prevEnd = last[1];
  }
  return tokens;
}

function lengthBucket(words: number): string {
  if (words <= 1) return '1';
  if (words <= 3) return '2-3';
  if (words <= 7) return '4-7';
  if (words <= 15) return '8-15';
  if (words <= 30) return '16-30';
  return '31+';
}

export function extractFeatures(text: string, config: FeatureConfig = DEFAULT_FEATURES, withRanges = false): Features {
  const n = normalize(text);
  const rules = analyzeRules(n);
  const tokens = tokenize(n);
  const raw = new Map<string, Group>();
  const ranges = new Map<string, Range[]>();
  const add = (name: string, group: Group, range?: Range) => {
    raw.set(name, group);
    if (withRanges && range) {
      const list = ranges.get(name);
      if (list) list.push(range);
      else ranges.set(name, [range]);
    }
  };

  // ── words ──
  let negated = 0;
  let prev = '^';
  let prevTok: Token | undefined;
  for (const tok of tokens) {
    if (prevTok && SENTENCE_GAP.test(n.original.slice(prevTok.end, tok.start))) prev = '^';
    if (prevTok && tok.clause !== prevTok.clause) negated = 0;
    add(`w:${tok.word}`, 'word', tok);
    add(`b:${prev} ${tok.word}`, 'word', prevTok && prev !== '^' ? { start: prevTok.start, end: tok.end } : tok);
    if (negated > 0) {
      add(`n:${tok.word}`, 'word', tok);
      negated--;
    }
    if (NEGATOR.test(tok.word)) negated = config.negationScope;
    // ── characters, within the word ──
    for (const part of tok.word.split(/[\s']+/)) {
      const padded = `<${part}>`;
      for (let len = config.charMin; len <= config.charMax; len++) {
        for (let i = 0; i + len <= padded.length; i++) add(`c:${padded.slice(i, i + len)}`, 'char', tok);
      }
    }
    prev = tok.word;
    prevTok = tok;
  }

  // ── meta ──
  const o = n.original;
  const at = (re: RegExp, name: string) => {
    const m = re.exec(o);
    if (m) add(name, 'meta', { start: m.index, end: m.index + m[0].length });
  };
  at(/\?{2,}/, 'p:??');
  at(/\?/, 'p:?');
  at(/!{2,}/, 'p:!!');
  at(/!/, 'p:!');
  at(/\.{2,}|…/, 'p:...');
  at(/\.\s*$/, 'p:end.');
  at(/^\P{L}*\p{Ll}/u, 'p:lower-start');
  at(/\b\p{Lu}{2,}\b/u, 'p:caps-word');
  for (const m of o.matchAll(EMOJI)) add(`e:${m[0]}`, 'meta', { start: m.index, end: m.index + m[0].length });
  if (/\p{Extended_Pictographic}/u.test(o)) add('e:any', 'meta');
  add(`len:${lengthBucket(tokens.length)}`, 'meta');

  // ── rules ──
  for (const h of rules.strong) add(`r:p:${h.kind}`, 'rule', h);
  for (const h of rules.weak) add(`r:pw:${h.kind}`, 'rule', h);
  if (rules.curt) add(`r:curt:${rules.curt.kind}`, 'rule', rules.curt);
  if (rules.shouting) add('r:shout', 'rule');
  for (const f of rules.feelings) {
    add('r:feel', 'rule', f);
    if (f.need) add(`r:feel:${f.need}`, 'rule', f);
    if (f.faux) add('r:faux', 'rule', f);
  }
  if (rules.body) add('r:body', 'rule', rules.body);
  if (rules.negated) add('r:negfeel', 'rule', rules.negated);
  if (rules.framed) add('r:frame', 'rule');
  for (const h of rules.needHits) add(`r:n:${h.need}`, 'rule', h);
  for (const h of rules.tone) add(`t:${h.tone}`, 'rule', h);
  if (rules.owned) add('r:owned', 'rule');
  add(`r:label:${rules.label}`, 'rule');

  const counts: Record<Group, number> = { word: 0, char: 0, meta: 0, rule: 0 };
  for (const g of raw.values()) counts[g]++;
  const values = new Map<string, number>();
  for (const [name, g] of raw) values.set(name, config[g] / Math.sqrt(counts[g]));
  return { n, rules, tokens, values, ranges };
}
