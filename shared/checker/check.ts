/**
 * The statement checker: protest / need / neutral for a piece of free text, with the kinds
 * of protest and the needs it expresses, each with the words that triggered it.
 *
 * Runs entirely on the device (pure functions, no dependencies): nothing a person writes is
 * sent anywhere to be checked. It is a gentle hint for the UI, never a gate.
 */
import type { NeedId, ProtestKind, StatementLabel } from './ids.js';
import { fauxFeeling } from './faux-feelings.js';
import { CURT_REPLIES, PROTEST_CUES, type ProtestCue } from './lexicon-protest.js';
import { FEELING_NEEDS, FRAMES, NEED_CUES, NEGATED_FEELING, OWNED_BODY, OWNED_FEELING } from './lexicon-needs.js';
import { normalize, originalSpan, type Normalized } from './normalize.js';

export interface ProtestFinding {
  kind: ProtestKind;
  /** The person's own words that triggered it. */
  phrase: string;
}

export interface NeedFinding {
  need: NeedId;
  phrase: string;
}

export interface StatementCheck {
  label: StatementLabel;
  /** One entry per kind, in the order they appear; empty unless the label is protest. */
  protests: ProtestFinding[];
  /** One entry per need, in the order they appear; empty unless the label is need. */
  needs: NeedFinding[];
  /** Feeling words the person owned ("scared", or a faux feeling such as "ignored"). */
  feelings: string[];
}

interface Hit {
  index: number;
  phrase: string;
}

/** A negation in the same clause, before a cue ("I'm not leaving you", "we shouldn't break up"). */
const NEGATION = /\b(?:not|no|never|don't|do not|didn't|did not|won't|will not|wouldn't|shouldn't|can't|cannot|isn't|wasn't|doesn't|without|nobody said|no one said)\b|n't\b/;
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

function firstProtestHit(n: Normalized, c: ProtestCue): Hit | null {
  for (const m of matches(c.pattern, n.text)) {
    const end = m.index + m[0].length;
    const before = clauseBefore(n.text, m.index);
    if (c.negatable && NEGATION.test(before)) continue;
    if (c.notAfter?.test(before)) continue;
    if (c.notBefore?.test(clauseAfter(n.text, end))) continue;
    return { index: m.index, phrase: originalSpan(n, m.index, end) };
  }
  return null;
}

function firstHit(n: Normalized, re: RegExp): Hit | null {
  for (const m of matches(re, n.text)) return { index: m.index, phrase: originalSpan(n, m.index, m.index + m[0].length) };
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

function curtReply(n: Normalized): ProtestFinding | null {
  const bare = n.text
    .replace(/[^\p{L}\p{N}' ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const kind = CURT_REPLIES[bare];
  return kind ? { kind, phrase: n.original.trim() } : null;
}

export function checkStatement(text: string): StatementCheck {
  const n = normalize(text);
  const empty: StatementCheck = { label: 'neutral', protests: [], needs: [], feelings: [] };
  if (!/\p{L}/u.test(n.text)) return empty;

  const curt = curtReply(n);
  if (curt) return { ...empty, label: 'protest', protests: [curt] };

  // ── protest cues ──
  const strong: Array<Hit & { kind: ProtestKind }> = [];
  const weak: Array<Hit & { kind: ProtestKind }> = [];
  for (const c of PROTEST_CUES) {
    const hit = firstProtestHit(n, c);
    if (hit) (c.weak ? weak : strong).push({ ...hit, kind: c.kind });
  }
  // Shouting a message at someone is hostile, but it is only a hint, like "wtf".
  if (n.shouting && /\b(?:you|your)\b|!/.test(n.text)) weak.push({ index: 0, phrase: n.original.trim(), kind: 'contempt' });

  // ── need evidence ──
  const feelings: Array<Hit & { word: string; need: NeedId | undefined }> = [];
  for (const m of matches(OWNED_FEELING, n.text)) {
    const word = (m[1] ?? '').toLowerCase();
    feelings.push({
      index: m.index,
      phrase: originalSpan(n, m.index, m.index + m[0].length),
      word,
      need: FEELING_NEEDS[word] ?? fauxFeeling(word)?.need,
    });
  }
  const body = firstHit(n, OWNED_BODY);
  const negated = firstHit(n, NEGATED_FEELING);
  const framed = FRAMES.some((f) => f.test(n.text));
  const needHits: Array<Hit & { need: NeedId }> = [];
  for (const c of NEED_CUES) {
    const hit = firstHit(n, c.pattern);
    if (hit) needHits.push({ ...hit, need: c.need });
  }
  const owned = feelings.length > 0 || body !== null || negated !== null;
  const isNeed = owned || (framed && needHits.length > 0);

  /*
   * Precedence, decided once here:
   * 1. A strong protest cue makes the statement a protest, even beside a need or request
   *    ("I need you to stop being so lazy"): the partner hears the attack first.
   * 2. A weak cue (a bare "why did you…?", "every time you", "wtf", "??", shouting) yields to
   *    owned feelings or a framed need: "Why didn't you call? I was scared" is a need.
   * 3. Otherwise an owned feeling, or a frame ("I need", "could we") with a need cue, is a need.
   * 4. Everything else (facts, logistics) is neutral: the checker only speaks up when it has
   *    a reason to.
   */
  let label: StatementLabel = 'neutral';
  if (strong.length > 0) label = 'protest';
  else if (weak.length > 0 && !isNeed) label = 'protest';
  else if (isNeed) label = 'need';

  const feelingWords = [...new Set(feelings.map((f) => f.word))];
  if (label === 'protest') {
    const byKind = new Map<ProtestKind, Hit>();
    // Quote the earliest strong evidence for each kind (weak only when nothing stronger was
    // said); list kinds in the order they appear.
    const byIndex = (a: Hit, b: Hit) => a.index - b.index;
    for (const h of [...strong.sort(byIndex), ...weak.sort(byIndex)]) if (!byKind.has(h.kind)) byKind.set(h.kind, h);
    const protests = [...byKind]
      .sort((a, b) => a[1].index - b[1].index)
      .map(([kind, h]) => ({ kind, phrase: h.phrase }));
    return { label, protests, needs: [], feelings: feelingWords };
  }
  if (label === 'need') {
    // Needs named in words come first; then the needs that usually sit under what was felt
    // ("I was scared" → reassurance), since a feeling points at its need even when unnamed.
    const inferred: Array<Hit & { need: NeedId }> = [];
    for (const f of feelings) if (f.need) inferred.push({ index: f.index, phrase: f.phrase, need: f.need });
    if (negated) {
      const need = NEGATED_NEEDS.find(([re]) => re.test(negated.phrase.toLowerCase()))?.[1];
      if (need) inferred.push({ ...negated, need });
    }
    if (body) inferred.push({ ...body, need: 'rest' });
    const byIndex = (a: Hit, b: Hit) => a.index - b.index;
    const byNeed = new Map<NeedId, Hit>();
    for (const h of [...needHits.sort(byIndex), ...inferred.sort(byIndex)]) if (!byNeed.has(h.need)) byNeed.set(h.need, h);
    return { label, protests: [], needs: [...byNeed].map(([need, h]) => ({ need, phrase: h.phrase })), feelings: feelingWords };
  }
  return { ...empty, feelings: feelingWords };
}
