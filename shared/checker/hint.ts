/**
 * The gentle hint beside a statement: quiet for plain facts, a warm acknowledgement when the person
 * already owns a feeling or a need, and for protest words a specific, kind naming of the pattern
 * with a complete rewrite built from their own words and their own picked feelings and needs.
 *
 * Pure and framework-free. It takes the checker's answer rather than calling the checker, so it
 * does not care how the checker decides. The words of the rewrite come from the caller
 * (client/content/hint.ts): this module only decides which of the person's words go where.
 */
import type { NeedId, ProtestKind } from './ids.js';
import type { StatementCheck } from './index.js';
import { tidy, wanted } from './hint-text.js';
import { feelingPhrase, joinAnd, needPhrase } from './reframe.js';

/** What the person picked themselves (PrepareStep's pickers); both may be empty. */
export interface HintChoices {
  feelings?: readonly string[];
  /** Need ids, or the person's own words for a need. */
  needs?: readonly string[];
}

/** The sentence pieces of a rewrite, in the product's words. Each returns a whole clause or sentence. */
export interface RewriteWords {
  /** "I feel scared" / "I feel scared when you walk away". */
  feel(feeling: string, situation: string | null): string;
  /** No feeling picked: "It's hard for me when you walk away". */
  hardFor(situation: string): string;
  /** "I need reassurance". */
  need(need: string): string;
  /** Joins a feeling clause and a need clause: "…, and I need …". */
  and(first: string, second: string): string;
  /** A plain request from their wish: "Could you text me back?". */
  ask(wish: string): string;
  /** The antidote's opening for a kind, when it has one ("I can see my part in this."). */
  opening: Partial<Record<ProtestKind, (feeling: string | null) => string>>;
  /** The antidote's request for a kind, used when their words hold no wish of their own. */
  kindAsk: Record<ProtestKind, string>;
  /**
   * Where the kind's request is the antidote itself: 'also' says it after their wish (one issue, a time
   * to talk), 'instead' says only it (a break, and when they'll be back).
   */
  askMode: Partial<Record<ProtestKind, 'also' | 'instead'>>;
  /** The need under a kind when none was picked (a threat is usually a plea for reassurance). */
  kindNeed: Partial<Record<ProtestKind, NeedId>>;
}

export type Hint =
  | { type: 'quiet' }
  /** Already owned: say so warmly, never correct it. */
  | { type: 'warm'; feeling: string | null; need: NeedId | null }
  | {
      type: 'protest';
      kind: ProtestKind;
      /** Their own words, as typed, that the hint names. */
      quote: string;
      /** The first picked feeling, to acknowledge before naming anything. */
      feeling: string | null;
      /** One or two complete sentences, no placeholders. */
      rewrite: string;
      /** The whole field after applying: the flagged sentences replaced, everything else kept. */
      result: string;
    };

interface Segment {
  start: number;
  end: number;
  text: string;
}

/** Sentences (and lines) with their places, so a rewrite replaces only the ones it was built from. */
function segments(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /[^.!?\n]*(?:[.!?]+["'”’)\]]*|\n+|$)[^\S\n]*/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) {
    if (m[0] === '') break;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

/** Where the person's words are in the text (the checker quotes them as typed). */
function locate(text: string, phrase: string): [number, number] | null {
  const p = phrase.trim();
  if (!p) return null;
  const i = text.toLowerCase().indexOf(p.toLowerCase());
  return i < 0 ? null : [i, i + p.length];
}

const QUOTE_MAX = 80;
const QUOTE_WORDS = 12;

/** The sentence the words are in, as typed; a long one is cut down to the words and what follows. */
function quoteAround(text: string, seg: Segment | undefined, at: [number, number] | null): string {
  const sentence = (seg?.text ?? text).trim().replace(/[\s,;:]+$/, '');
  if (sentence.length <= QUOTE_MAX || !at) return sentence;
  const words = text.slice(at[0]).split(/\s+/).slice(0, QUOTE_WORDS).join(' ');
  const clause = words.split(/[,.!?;]/)[0] ?? words;
  return clause.trim();
}

function sentenceCase(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  const body = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.?]$/.test(body) ? body : `${body.replace(/[!,;:]+$/, '')}.`;
}

function ownFeelings(choices: HintChoices): string[] {
  return (choices.feelings ?? []).map(feelingPhrase).filter(Boolean).slice(0, 2);
}

function ownNeeds(choices: HintChoices, kind: ProtestKind, words: RewriteWords): string[] {
  const picked = (choices.needs ?? []).map(needPhrase).filter(Boolean).slice(0, 2);
  if (picked.length) return picked;
  const fallback = words.kindNeed[kind];
  return fallback ? [needPhrase(fallback)] : [];
}

/** Builds the rewrite for one kind from the pieces that exist; always a complete sentence or two. */
function compose(kind: ProtestKind, flagged: string, choices: HintChoices, words: RewriteWords): string {
  const { wish, situation } = wanted(tidy(flagged));
  const feelings = ownFeelings(choices);
  const feeling = feelings.length ? joinAnd(feelings) : null;
  const needs = ownNeeds(choices, kind, words);
  const need = needs.length ? words.need(joinAnd(needs)) : null;

  const opening = words.opening[kind];
  let first: string | null;
  if (opening) first = opening(feeling);
  else if (feeling) first = words.feel(feeling, situation);
  else if (situation) first = words.hardFor(situation);
  else first = null;

  const parts: string[] = [];
  if (first && need && !opening) parts.push(sentenceCase(words.and(first, need)));
  else {
    if (first) parts.push(sentenceCase(first));
    if (need) parts.push(sentenceCase(need));
  }
  const mode = words.askMode[kind];
  if (wish && mode !== 'instead') parts.push(words.ask(wish));
  if (!wish || mode) parts.push(words.kindAsk[kind]);
  return parts.join(' ');
}

/** A sentence that reads as protest on its own, and owns no feeling that would soften it. */
function flags(check: StatementCheck): boolean {
  return check.label === 'protest' && check.feelings.length === 0;
}

/**
 * The hint for a statement. `check` is the statement checker (called on the whole text and on each
 * sentence, so a rewrite replaces only the sentences that need it); `choices` are the person's picked
 * feelings and needs (may be empty); `words` the product's sentence pieces.
 */
export function buildHint(
  text: string,
  check: (text: string) => StatementCheck,
  choices: HintChoices,
  words: RewriteWords,
): Hint {
  if (!/\p{L}/u.test(text)) return { type: 'quiet' };
  const whole = check(text);
  if (whole.label === 'neutral' && whole.feelings.length === 0) return { type: 'quiet' };
  const warm: Hint = { type: 'warm', feeling: whole.feelings[0] ?? null, need: whole.needs[0]?.need ?? null };
  if (whole.label !== 'protest') return warm;

  const segs = segments(text);
  const places = whole.protests.map((p) => locate(text, p.phrase));
  const checks = segs.map((s) => check(s.text));
  const flaggedIdx = new Set<number>();
  segs.forEach((s, i) => {
    if (checks[i]!.feelings.length > 0) return;
    if (flags(checks[i]!) || places.some((at) => at && at[0] < s.end && at[1] > s.start)) flaggedIdx.add(i);
  });
  // Emoji or punctuation alone after a flagged sentence belong to it ("why??? 😡").
  segs.forEach((s, i) => {
    if (i > 0 && flaggedIdx.has(i - 1) && !/\p{L}/u.test(s.text)) flaggedIdx.add(i);
  });
  // Protest words beside an owned feeling ("I'm scared because you never answer") already say the feeling.
  if (flaggedIdx.size === 0 && whole.feelings.length > 0) return warm;
  // The checker read the whole text as one thing: the whole text is what the rewrite replaces.
  if (flaggedIdx.size === 0) segs.forEach((_, i) => flaggedIdx.add(i));

  // Named after the first sentence the rewrite replaces, in the words the checker found there.
  const firstFlagged = segs.findIndex((_, i) => flaggedIdx.has(i));
  const seg = segs[firstFlagged];
  const finding = checks[firstFlagged]?.protests[0] ?? whole.protests[0];
  const kind: ProtestKind = finding?.kind ?? 'criticism';
  const inSeg = seg && finding ? locate(seg.text, finding.phrase) : null;
  const at: [number, number] | null = inSeg && seg ? [seg.start + inSeg[0], seg.start + inSeg[1]] : null;
  // Lines typed without punctuation are sentences of their own.
  const flagged = segs
    .filter((_, i) => flaggedIdx.has(i))
    .map((s) => s.text.trim().replace(/([^.!?])$/u, '$1.'))
    .join(' ');
  const rewrite = compose(kind, flagged, choices, words);

  // The rewrite takes the place of the first flagged sentence; sentences it was not built from stay.
  let placed = false;
  const result = segs
    .map((s, i) => {
      if (!flaggedIdx.has(i)) return s.text;
      if (placed) return '';
      placed = true;
      const gap = /\s*$/.exec(s.text)?.[0] ?? '';
      return `${rewrite}${gap || (i < segs.length - 1 ? ' ' : '')}`;
    })
    .join('')
    .trimEnd();

  const feeling = ownFeelings(choices)[0] ?? whole.feelings[0] ?? null;
  return { type: 'protest', kind, quote: quoteAround(text, seg, at), feeling, rewrite, result };
}
