/**
 * The statement checker: protest / need / neutral for a piece of free text, with the kinds
 * of protest and the needs it expresses, each quoted in the person's own words, and the words
 * that weighed most in the verdict.
 *
 * A small linear model (model.ts) over words, character n-grams and the rule engine's cues
 * decides; the rules (rules.ts) also supply the quotes where one of their cues fired. Runs
 * entirely on the device, synchronously: nothing a person writes is sent anywhere to be
 * checked. It is a gentle hint for the UI, never a gate.
 */
import { decideKinds, decideLabel, decideNeeds } from './decide.js';
import { extractFeatures, type Features, type Token } from './features.js';
import type { NeedId, ProtestKind, StatementLabel } from './ids.js';
import { HEADS, KIND_OFFSET, loadModel, probabilities, scoreHeads, type Model, type WeightsFile } from './model.js';
import type { Range } from './normalize.js';
import weightsFile from './model/weights.json';

export interface ProtestFinding extends Range {
  kind: ProtestKind;
  /** The person's own words behind it: `text.slice(start, end)`. */
  phrase: string;
}

export interface NeedFinding extends Range {
  need: NeedId;
  phrase: string;
}

export interface Highlight extends Range {
  text: string;
  /** How much these words pushed towards the label (log-odds, rounded). */
  weight: number;
}

export interface StatementCheck {
  label: StatementLabel;
  /** Probability of the label. */
  confidence: number;
  /** One entry per kind, likeliest first; empty unless the label is protest. */
  protests: ProtestFinding[];
  /** One entry per need, likeliest first; empty unless the label is need. */
  needs: NeedFinding[];
  /** Feeling words the person owned ("scared", or a faux feeling such as "ignored"). */
  feelings: string[];
  /** The words that weighed most towards a protest or need label, strongest first (none for neutral). */
  highlights: Highlight[];
}

const MAX_HIGHLIGHTS = 3;
/** A need asked for by its own name ("I need some reassurance") is the one to name back. */
const NAMED_NEED = new RegExp(
  "\\b(?:need|needs|want|would like|'d like|could use|ask(?:ing)? for|long for|crave" +
    '|miss)\\s+(?:some |a (?:bit|little)(?: of)? |more |your |a lot of |a little more )?(reassurance' +
    '|closeness|understanding|respect|appreciation|autonomy|support|fairness|trust|rest' +
    '|predictability|affection)\\b',
  'i',
);
/** Longest quote taken whole; a longer clause is trimmed to the words that drove it. */
const MAX_QUOTE_WORDS = 8;

/** Each token's share of a head's score (or of a direction over heads). */
function tokenContributions(f: Features, model: Model, direction: (head: number) => number): number[] {
  const out = new Array<number>(f.tokens.length).fill(0);
  for (const [name, x] of f.values) {
    const row = model.table.get(name);
    const ranges = f.ranges.get(name);
    if (!row || !ranges) continue;
    let c = 0;
    for (let j = 0; j < row.length; j += 2) c += row[j + 1]! * direction(row[j]!);
    if (c === 0) continue;
    const covered: number[] = [];
    for (const r of ranges) {
      // Word and character features carry their token itself; others are searched for.
      const own = f.tokens.indexOf(r as Token);
      if (own >= 0) covered.push(own);
      else f.tokens.forEach((t, i) => t.start < r.end && t.end > r.start && covered.push(i));
    }
    for (const i of covered) out[i]! += (x * c) / covered.length;
  }
  return out;
}

function range(text: string, start: number, end: number): Range & { phrase: string } {
  return { start, end, phrase: text.slice(start, end) };
}

/** Clauses whose words, taken together, pushed towards the label. */
function liftingClauses(tokens: readonly Token[], lift: readonly number[]): Set<number> {
  const sums = new Map<number, number>();
  tokens.forEach((t, i) => sums.set(t.clause, (sums.get(t.clause) ?? 0) + lift[i]!));
  return new Set([...sums].filter(([, s]) => s > 0).map(([c]) => c));
}

/**
 * The clause that contributed most to a kind or need, among the clauses that carried the label
 * (a thank-you beside an attack is never quoted as the attack); trimmed to its words when long.
 */
function driver(
  text: string,
  tokens: readonly Token[],
  contrib: readonly number[],
  within: ReadonlySet<number>,
): (Range & { phrase: string }) | null {
  const sums = new Map<number, number>();
  tokens.forEach((t, i) => {
    if (within.size === 0 || within.has(t.clause))
      sums.set(t.clause, (sums.get(t.clause) ?? 0) + Math.max(0, contrib[i]!));
  });
  let clause = -1;
  let best = 0;
  for (const [c, s] of sums) if (s > best) [clause, best] = [c, s];
  if (clause < 0) return null;
  let ids = tokens.flatMap((t, i) => (t.clause === clause ? [i] : []));
  if (ids.length > MAX_QUOTE_WORDS) {
    const peak = Math.max(...ids.map((i) => contrib[i]!));
    const strong = ids.filter((i) => contrib[i]! >= peak * 0.25);
    ids = ids.filter((i) => i >= strong[0]! && i <= strong[strong.length - 1]!);
  }
  const first = tokens[ids[0]!]!;
  const last = tokens[ids[ids.length - 1]!]!;
  return range(text, first.start, last.end);
}

/** Runs of adjacent words in one clause that pushed towards the label, strongest first. */
function highlights(text: string, tokens: readonly Token[], contrib: readonly number[]): Highlight[] {
  const spans: Highlight[] = [];
  let open: Highlight | null = null;
  tokens.forEach((t, i) => {
    const c = contrib[i]!;
    if (c > 0 && open && tokens[i - 1]?.clause === t.clause && contrib[i - 1]! > 0) {
      open.end = t.end;
      open.weight += c;
    } else if (c > 0) {
      open = { start: t.start, end: t.end, text: '', weight: c };
      spans.push(open);
    } else open = null;
  });
  const top = spans.sort((a, b) => b.weight - a.weight).slice(0, MAX_HIGHLIGHTS);
  const floor = (top[0]?.weight ?? 0) * 0.2;
  return top
    .filter((h) => h.weight >= floor)
    .map((h) => ({ ...h, text: text.slice(h.start, h.end), weight: Math.round(h.weight * 100) / 100 }));
}

export function createChecker(file: WeightsFile): (text: string) => StatementCheck {
  let model: Model | null = null;
  return (text: string): StatementCheck => {
    model ??= loadModel(file);
    const f = extractFeatures(text, model.features, true);
    const feelings = [...new Set(f.rules.feelings.map((x) => x.word))];
    if (f.tokens.length === 0)
      return { label: 'neutral', confidence: 1, protests: [], needs: [], feelings, highlights: [] };

    const p = probabilities(scoreHeads(model, f.values), model.decision.softmaxCategories);
    const rules = f.rules;
    const label = decideLabel(
      p,
      { owned: rules.owned, strongProtest: rules.strong.length > 0 || rules.curt !== null },
      model.decision,
    );
    const li = HEADS.indexOf(label);
    const confidence = Math.round(p.label[li]! * 1000) / 1000;
    const m = model;
    // How each label head's score moves the log-odds of the label against the other two.
    const rest = Math.max(1e-9, 1 - p.label[li]!);
    const lift = tokenContributions(f, m, (h) => (h >= KIND_OFFSET ? 0 : h === li ? 1 : -p.label[h]! / rest));
    const marked = label === 'neutral' ? [] : highlights(text, f.tokens, lift);
    const base = { label, confidence, feelings, highlights: marked };
    const carried = liftingClauses(f.tokens, lift);

    if (label === 'protest') {
      const protests = decideKinds(p, m.decision).flatMap((kind) => {
        const cue =
          rules.curt?.kind === kind
            ? rules.curt
            : (rules.strong.find((h) => h.kind === kind) ?? rules.weak.find((h) => h.kind === kind));
        if (cue) return [{ kind, ...range(text, cue.start, cue.end) }];
        const head = (HEADS as readonly string[]).indexOf(kind);
        const found = driver(
          text,
          f.tokens,
          tokenContributions(f, m, (h) => (h === head ? 1 : 0)),
          carried,
        );
        return found ? [{ kind, ...found }] : [];
      });
      return { ...base, protests, needs: [] };
    }
    if (label === 'need') {
      const named = NAMED_NEED.exec(text);
      const chosen = decideNeeds(p, m.decision);
      const asked = named ? (named[1]!.toLowerCase() as NeedId) : null;
      const ranked = asked ? [asked, ...chosen.filter((n) => n !== asked)] : chosen;
      const needs = ranked.flatMap((need) => {
        const cue =
          rules.needHits.find((h) => h.need === need) ??
          rules.feelings.find((h) => h.need === need) ??
          (rules.negated?.need === need ? rules.negated : undefined);
        if (cue) return [{ need, ...range(text, cue.start, cue.end) }];
        const head = (HEADS as readonly string[]).indexOf(need);
        const found = driver(
          text,
          f.tokens,
          tokenContributions(f, m, (h) => (h === head ? 1 : 0)),
          carried,
        );
        return found ? [{ need, ...found }] : [];
      });
      return { ...base, protests: [], needs };
    }
    return { ...base, protests: [], needs: [] };
  };
}

/** The checker with the committed model (shared/checker/model/weights.json). */
export const checkStatement: (text: string) => StatementCheck = createChecker(weightsFile as WeightsFile);
