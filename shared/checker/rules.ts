/**
 * The rule engine: hand-written cues for protest moves and owned needs.
 *
 * It no longer decides the label on its own (rules alone do not generalise to how people
 * really write); every cue it finds becomes a feature of the learned model (features.ts), and
 * its matches are the first choice when the checker quotes the words behind a kind or a need.
 */
import type { NeedId, ProtestKind, StatementLabel } from './ids.js';
import { fauxFeeling } from './faux-feelings.js';
import { CURT_REPLIES, PROTEST_CUES, type ProtestCue } from './lexicon-protest.js';
import { FEELING_NEEDS, FRAMES, NEED_CUES, NEGATED_FEELING, OWNED_BODY, OWNED_FEELING } from './lexicon-needs.js';
import { KIND_CUES } from './lexicon-kind.js';
import { TONE_CUES } from './lexicon-tone.js';
import { originalRange, type Normalized, type Range } from './normalize.js';

/** A cue found in the text: `index` is its place in the normalised text, the range in the original. */
export interface RuleHit extends Range {
  index: number;
}

export interface RuleAnalysis {
  strong: Array<RuleHit & { kind: ProtestKind }>;
  weak: Array<RuleHit & { kind: ProtestKind }>;
  curt: (RuleHit & { kind: ProtestKind }) | null;
  shouting: boolean;
  feelings: Array<RuleHit & { word: string; need: NeedId | undefined; faux: boolean }>;
  body: RuleHit | null;
  negated: (RuleHit & { need: NeedId | undefined }) | null;
  framed: boolean;
  needHits: Array<RuleHit & { need: NeedId }>;
  tone: Array<RuleHit & { tone: string }>;
  /** A feeling or body state owned in the first person. */
  owned: boolean;
  /** What the rules alone would say, kept as one more feature. */
  label: StatementLabel;
}

/** A negation in the same clause, before a cue ("I'm not leaving you", "we shouldn't break up"). */
const NEGATION = new RegExp(
  "\\b(?:not|no|never|don't|do not|didn't|did not|won't|will not|wouldn't|shouldn't|can't|cannot|isn't|wasn't|" +
    "doesn't|without|nobody said|no one said)\\b|n't\\b",
);
const CLAUSE_BREAK = /[.!?;,]|\bbut\b/g;

/** Each lexicon pattern compiled once more with the global flag, to scan every occurrence. */
const globalCache = new WeakMap<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let g = globalCache.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    globalCache.set(re, g);
  }
  return g;
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  const g = globalOf(re);
  g.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = g.exec(text)) !== null) {
    if (m[0] === '') {
      g.lastIndex++;
      continue;
    }
    yield m;
  }
}

/** Text from the start of the clause containing `index` up to `index`. */
function clauseBefore(text: string, index: number): string {
  let start = 0;
  CLAUSE_BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CLAUSE_BREAK.exec(text)) !== null && m.index < index) start = m.index + m[0].length;
  return text.slice(start, index);
}

/** Text from `index` to the end of its clause. */
function clauseAfter(text: string, index: number): string {
  const rest = text.slice(index);
  const end = rest.search(/[.!?;,]/);
  return end < 0 ? rest : rest.slice(0, end);
}

function hitAt(n: Normalized, start: number, end: number): RuleHit {
  return { index: start, ...originalRange(n, start, end) };
}

function firstProtestHit(n: Normalized, c: ProtestCue): RuleHit | null {
  for (const m of matches(c.pattern, n.text)) {
    const end = m.index + m[0].length;
    const before = clauseBefore(n.text, m.index);
    if (c.negatable && NEGATION.test(before)) continue;
    if (c.notAfter?.test(before)) continue;
    if (c.notBefore?.test(clauseAfter(n.text, end))) continue;
    return hitAt(n, m.index, end);
  }
  return null;
}

function firstHit(n: Normalized, re: RegExp): RuleHit | null {
  for (const m of matches(re, n.text)) return hitAt(n, m.index, m.index + m[0].length);
  return null;
}

/** The needs named by "I don't feel heard"-style statements. */
const NEGATED_NEEDS: ReadonlyArray<readonly [RegExp, NeedId]> = [
  [/heard|listened to|understood/, 'understanding'],
  [/seen|appreciated|valued|important/, 'appreciation'],
  [/respected/, 'respect'],
  [/loved|wanted|cared for/, 'affection'],
  [/safe|secure|like a priority/, 'reassurance'],
  [/close|connected/, 'closeness'],
  [/supported|like a team/, 'support'],
  [/free/, 'autonomy'],
  [/rested/, 'rest'],
  [/trusted/, 'trust'],
];

function curtReply(n: Normalized): (RuleHit & { kind: ProtestKind }) | null {
  const bare = n.text
    .replace(/[^\p{L}\p{N}' ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const kind = CURT_REPLIES[bare];
  if (!kind) return null;
  // The whole reply is the phrase, its punctuation included ("k.").
  const start = n.original.length - n.original.trimStart().length;
  return { kind, index: 0, start, end: n.original.trimEnd().length };
}

export function analyzeRules(n: Normalized): RuleAnalysis {
  const strong: RuleAnalysis['strong'] = [];
  const weak: RuleAnalysis['weak'] = [];
  for (const c of PROTEST_CUES) {
    const hit = firstProtestHit(n, c);
    if (hit) (c.weak ? weak : strong).push({ ...hit, kind: c.kind });
  }
  const shouting = n.shouting && /\b(?:you|your)\b|!/.test(n.text);

  const feelings: RuleAnalysis['feelings'] = [];
  for (const m of matches(OWNED_FEELING, n.text)) {
    const word = (m[1] ?? '').toLowerCase();
    const faux = fauxFeeling(word);
    feelings.push({
      ...hitAt(n, m.index, m.index + m[0].length),
      word,
      need: FEELING_NEEDS[word] ?? faux?.need,
      faux: faux !== null,
    });
  }
  const body = firstHit(n, OWNED_BODY);
  const negatedHit = firstHit(n, NEGATED_FEELING);
  const negated = negatedHit && {
    ...negatedHit,
    need: NEGATED_NEEDS.find(([re]) => re.test(n.original.slice(negatedHit.start, negatedHit.end).toLowerCase()))?.[1],
  };
  const framed = FRAMES.some((f) => f.test(n.text));
  const needHits: RuleAnalysis['needHits'] = [];
  for (const c of NEED_CUES) {
    const hit = firstHit(n, c.pattern);
    if (hit) needHits.push({ ...hit, need: c.need });
  }
  const tone: RuleAnalysis['tone'] = [];
  for (const t of [...TONE_CUES, ...KIND_CUES]) {
    const hit = firstHit(n, t.pattern);
    if (hit) tone.push({ ...hit, tone: t.tone });
  }

  const curt = curtReply(n);
  const owned = feelings.length > 0 || body !== null || negated !== null;
  const isNeed = owned || (framed && needHits.length > 0);
  // The old precedence: a strong cue wins; a weak one yields to anything owned.
  let label: StatementLabel = 'neutral';
  if (curt || strong.length > 0) label = 'protest';
  else if ((weak.length > 0 || shouting) && !isNeed) label = 'protest';
  else if (isNeed) label = 'need';
  return { strong, weak, curt, shouting, feelings, body, negated, framed, needHits, tone, owned, label };
}
