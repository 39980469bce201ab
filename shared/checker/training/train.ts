/**
 * Training the checker from a labelled corpus: features, a softmax over the labels, logistic
 * heads for the kinds (fit on protest statements) and the needs (fit on need statements),
 * decision thresholds tuned on 5-fold out-of-fold predictions, then one fit on everything,
 * pruned and quantised into a weights file. Deterministic for a given corpus and seed.
 */
import { DEFAULT_FEATURES, extractFeatures, type FeatureConfig } from '../features.js';
import { decideKinds, decideLabel, decideNeeds, type RuleSignals } from '../decide.js';
import { NEED_IDS, PROTEST_KINDS, STATEMENT_LABELS } from '../ids.js';
import { evaluate, type LabelledStatement, type Prediction } from '../metrics.js';
import {
  HEADS,
  KIND_OFFSET,
  NEED_OFFSET,
  probabilities,
  type Decision,
  type Probabilities,
  type WeightsFile,
} from '../model.js';
import { fitLinear, rng, shuffle, type LinearOptions, type SparseRow } from './linear.js';

export interface TrainOptions extends LinearOptions {
  features: FeatureConfig;
  /** Features seen in fewer training statements are dropped (rule cues are always kept). */
  minDf: number;
  /** Stored weights smaller than this are pruned. */
  prune: number;
  /** Weights are stored as integers: weight × scale. */
  scale: number;
  /** Extra loss weight on gold-need rows of the label head (safety asymmetry). */
  needWeight: number;
  /** Upper bound for need_as_protest when tuning the decision. */
  maxNeedAsProtest: number;
  folds: number;
  /** Kinds (needs) as one softmax each rather than independent logistic heads. */
  softmaxCategories: boolean;
  /** Whether the kind and need heads see character n-grams (the label head always does). */
  categoryChars: boolean;
  /** Minimum document frequency for character n-grams (they are many, and mostly noise). */
  charMinDf: number;
  /** Minimum document frequency of a word feature for the kind and need heads (keeps the file small). */
  categoryMinDf: number;
}

/** Chosen by 5-fold cross-validation on the training corpus (see corpus/README.md). */
export const DEFAULT_TRAIN: TrainOptions = {
  features: DEFAULT_FEATURES,
  epochs: 10,
  rate: 0.15,
  l2: 1e-3,
  l1: 0,
  seed: 20260,
  minDf: 3,
  charMinDf: 5,
  categoryMinDf: 4,
  categoryChars: false,
  softmaxCategories: true,
  prune: 0.25,
  scale: 20,
  needWeight: 1.5,
  maxNeedAsProtest: 0.02,
  folds: 5,
};

/** A statement's features and rule signals, extracted once and reused by every fold. */
export interface Example {
  item: LabelledStatement;
  values: Map<string, number>;
  signals: RuleSignals;
}

export function prepare(items: readonly LabelledStatement[], features: FeatureConfig): Example[] {
  return items.map((item) => {
    const f = extractFeatures(item.text, features);
    return {
      item,
      values: f.values,
      signals: { owned: f.rules.owned, strongProtest: f.rules.strong.length > 0 || f.rules.curt !== null },
    };
  });
}

/** Fold index of each item: stratified by label, shuffled with the seed. */
export function stratifiedFolds(items: readonly LabelledStatement[], k: number, seed: number): number[] {
  const fold = new Array<number>(items.length).fill(0);
  const random = rng(seed);
  for (const label of STATEMENT_LABELS) {
    const ids = shuffle(
      items.flatMap((item, i) => (item.label === label ? [i] : [])),
      random,
    );
    ids.forEach((id, j) => (fold[id] = j % k));
  }
  return fold;
}

interface Fitted {
  vocab: string[];
  /** vocab × HEADS, row-major. */
  w: Float64Array;
  b: Float64Array;
}

const isRule = (name: string) => name.startsWith('r:') || name.startsWith('t:');

function fit(examples: readonly Example[], o: TrainOptions): Fitted {
  const df = new Map<string, number>();
  for (const e of examples) for (const name of e.values.keys()) df.set(name, (df.get(name) ?? 0) + 1);
  const vocab = [...df]
    .filter(
      ([name, count]) =>
        (name.startsWith('c:') ? count >= Math.max(o.minDf, o.charMinDf) : count >= o.minDf) || isRule(name),
    )
    .map(([name]) => name)
    .sort();
  const index = new Map(vocab.map((name, i) => [name, i]));
  const rows: SparseRow[] = examples.map((e) => {
    const pairs = [...e.values].flatMap(([name, v]) => {
      const i = index.get(name);
      return i === undefined ? [] : [[i, v] as const];
    });
    pairs.sort((a, b) => a[0] - b[0]);
    return { idx: Int32Array.from(pairs, (p) => p[0]), val: Float64Array.from(pairs, (p) => p[1]) };
  });
  const dim = vocab.length;
  const labels = examples.map((e) => STATEMENT_LABELS.indexOf(e.item.label));
  // Balance the label classes, then weigh gold needs up: missing a need is the costly error.
  const counts = STATEMENT_LABELS.map((_, c) => labels.filter((l) => l === c).length || 1);
  const classWeight = counts.map(
    (n, c) => (examples.length / (STATEMENT_LABELS.length * n)) * (STATEMENT_LABELS[c] === 'need' ? o.needWeight : 1),
  );
  const labelModel = fitLinear(rows, labels, dim, STATEMENT_LABELS.length, true, (i) => classWeight[labels[i]!]!, o);

  const forCategories = vocab.map(
    (name) => isRule(name) || (name.startsWith('c:') ? o.categoryChars : df.get(name)! >= o.categoryMinDf),
  );
  const categoryRows = forCategories.every(Boolean)
    ? rows
    : rows.map((r) => {
        const keep = Array.from(r.idx, (j) => forCategories[j]!);
        return { idx: r.idx.filter((_, k) => keep[k]), val: r.val.filter((_, k) => keep[k]) };
      });
  const heads = (
    label: 'protest' | 'need',
    ids: readonly string[],
    gold: (item: LabelledStatement) => string[] | undefined,
  ) => {
    const rows = categoryRows;
    const sel = examples.flatMap((e, i) => (e.item.label === label ? [i] : []));
    if (o.softmaxCategories) {
      // One row per gold category: a statement with two kinds teaches both.
      const pairs = sel.flatMap((i) =>
        (gold(examples[i]!.item) ?? []).filter((id) => ids.includes(id)).map((id) => [i, ids.indexOf(id)] as const),
      );
      return fitLinear(
        pairs.map(([i]) => rows[i]!),
        pairs.map(([, c]) => c),
        dim,
        ids.length,
        true,
        () => 1,
        o,
      );
    }
    const masks = sel.map((i) =>
      (gold(examples[i]!.item) ?? []).reduce((m, id) => (ids.includes(id) ? m | (1 << ids.indexOf(id)) : m), 0),
    );
    // Each head sees few positives: weigh them up by the square root of the imbalance.
    const posWeight = ids.map((_, h) => {
      const pos = masks.filter((m) => (m >> h) & 1).length;
      return pos === 0 ? 1 : Math.sqrt((masks.length - pos) / pos);
    });
    return fitLinear(
      sel.map((i) => rows[i]!),
      masks,
      dim,
      ids.length,
      false,
      (_, h, positive) => (positive ? posWeight[h]! : 1),
      o,
    );
  };
  const kindModel = heads('protest', PROTEST_KINDS, (item) => item.kinds);
  const needModel = heads('need', NEED_IDS, (item) => item.needs);

  const H = HEADS.length;
  const w = new Float64Array(dim * H);
  const b = new Float64Array(H);
  const place = (m: { w: Float64Array; b: Float64Array; heads: number }, offset: number) => {
    for (let h = 0; h < m.heads; h++) b[offset + h] = m.b[h]!;
    for (let j = 0; j < dim; j++) for (let h = 0; h < m.heads; h++) w[j * H + offset + h] = m.w[j * m.heads + h]!;
  };
  place(labelModel, 0);
  place(kindModel, KIND_OFFSET);
  place(needModel, NEED_OFFSET);
  return { vocab, w, b };
}

function predictFitted(
  m: Fitted,
  index: Map<string, number>,
  values: Map<string, number>,
  softmaxCategories: boolean,
): Probabilities {
  const H = HEADS.length;
  const z = Float64Array.from(m.b);
  for (const [name, x] of values) {
    const j = index.get(name);
    if (j === undefined) continue;
    for (let h = 0; h < H; h++) z[h]! += x * m.w[j * H + h]!;
  }
  return probabilities(z, softmaxCategories);
}

/** Out-of-fold probabilities for every example. */
export function outOfFold(examples: readonly Example[], o: TrainOptions): Probabilities[] {
  const fold = stratifiedFolds(
    examples.map((e) => e.item),
    o.folds,
    o.seed,
  );
  const out = new Array<Probabilities>(examples.length);
  for (let k = 0; k < o.folds; k++) {
    const m = fit(
      examples.filter((_, i) => fold[i] !== k),
      o,
    );
    const index = new Map(m.vocab.map((name, i) => [name, i]));
    examples.forEach((e, i) => {
      if (fold[i] === k) out[i] = predictFitted(m, index, e.values, o.softmaxCategories);
    });
  }
  return out;
}

const NEED_GUARDS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 1.01];
/** 1 (plain argmax) comes first, so it wins ties. */
const PROTEST_BOOSTS = [1, 1.25, 1.5, 2, 2.5, 3];
const CATEGORY_THRESHOLDS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 1.01];

/**
 * Micro F-beta of found categories over the gold items of one label. Kinds use beta 2: people
 * (and the corpus writers) disagree about which kind an attack is, the hint speaks to the
 * likeliest one, and a kind left out is a missed chance to name what the partner will hear.
 */
function categoryF(pairs: Array<[gold: string[], found: string[]]>, beta: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [g, f] of pairs) {
    tp += f.filter((x) => g.includes(x)).length;
    fp += f.filter((x) => !g.includes(x)).length;
    fn += g.filter((x) => !f.includes(x)).length;
  }
  const b2 = beta * beta;
  return tp === 0 ? 0 : ((1 + b2) * tp) / ((1 + b2) * tp + b2 * fn + fp);
}

/** The decision with the best macro-F1 among those keeping need_as_protest under the bound. */
export function tuneDecision(examples: readonly Example[], probs: readonly Probabilities[], o: TrainOptions): Decision {
  const items = examples.map((e) => e.item);
  // Rank: first whether the bound holds, then macro-F1 (or, if it never holds, the lowest rate).
  let best: { decision: Decision; key: [number, number] } | null = null;
  for (const ownedGuard of [false, true]) {
    for (const needGuard of NEED_GUARDS) {
      for (const protestBoost of PROTEST_BOOSTS) {
        const decision: Decision = {
          needGuard,
          ownedGuard,
          protestBoost,
          kind: 0.5,
          need: 0.5,
          softmaxCategories: o.softmaxCategories,
        };
        const predictions: Prediction[] = probs.map((p, i) => ({
          label: decideLabel(p, examples[i]!.signals, decision),
          kinds: [],
          needs: [],
        }));
        const r = evaluate(items, predictions);
        const key: [number, number] =
          r.need_as_protest <= o.maxNeedAsProtest ? [1, r.macro_f1] : [0, -r.need_as_protest];
        if (!best || key[0] > best.key[0] || (key[0] === best.key[0] && key[1] > best.key[1])) best = { decision, key };
      }
    }
  }
  const decision = best!.decision;
  let bestKind = { t: 0.5, f: -1 };
  let bestNeed = { t: 0.5, f: -1 };
  for (const t of CATEGORY_THRESHOLDS) {
    const d = { ...decision, kind: t, need: t };
    const fk = categoryF(
      items.flatMap((item, i) =>
        item.label === 'protest' ? [[item.kinds ?? [], decideKinds(probs[i]!, d)] as [string[], string[]]] : [],
      ),
      2,
    );
    const fn = categoryF(
      items.flatMap((item, i) =>
        item.label === 'need' ? [[item.needs ?? [], decideNeeds(probs[i]!, d)] as [string[], string[]]] : [],
      ),
      1,
    );
    if (fk > bestKind.f) bestKind = { t, f: fk };
    if (fn > bestNeed.f) bestNeed = { t, f: fn };
  }
  return { ...decision, kind: bestKind.t, need: bestNeed.t };
}

const q = (x: number, scale: number) => Math.round(x * scale);

/**
 * Within one softmax, adding the same number to every head's weight for a feature changes
 * nothing; centring each feature's weights on their median makes most of them near zero, so
 * pruning removes them without changing the model's decisions much.
 */
function centre(w: Float64Array, dim: number, from: number, to: number): void {
  const H = HEADS.length;
  const group = new Array<number>(to - from);
  for (let j = 0; j < dim; j++) {
    for (let h = from; h < to; h++) group[h - from] = w[j * H + h]!;
    group.sort((a, b) => a - b);
    const mid = group.length >> 1;
    const median = group.length % 2 ? group[mid]! : (group[mid - 1]! + group[mid]!) / 2;
    for (let h = from; h < to; h++) w[j * H + h]! -= median;
  }
}

function toFile(m: Fitted, decision: Decision, o: TrainOptions): WeightsFile {
  const H = HEADS.length;
  const dim = m.vocab.length;
  const w = Float64Array.from(m.w);
  centre(w, dim, 0, KIND_OFFSET);
  if (o.softmaxCategories) {
    centre(w, dim, KIND_OFFSET, NEED_OFFSET);
    centre(w, dim, NEED_OFFSET, H);
  }
  const min = Math.max(1, Math.round(o.prune * o.scale));
  const qw = Array.from(w, (v) => q(v, o.scale));
  const kept = m.vocab.flatMap((_, j) => (qw.slice(j * H, (j + 1) * H).some((v) => Math.abs(v) >= min) ? [j] : []));
  const heads = HEADS.map((_, h) => {
    const pairs: number[] = [];
    let prev = 0;
    kept.forEach((j, i) => {
      const v = qw[j * H + h]!;
      if (Math.abs(v) < min) return;
      pairs.push(i - prev, v);
      prev = i;
    });
    return pairs;
  });
  return {
    version: 1,
    features: o.features,
    decision,
    scale: o.scale,
    bias: Array.from(m.b, (v) => q(v, o.scale)),
    vocab: kept.map((j) => m.vocab[j]!),
    heads,
  };
}

export function trainChecker(items: readonly LabelledStatement[], o: TrainOptions = DEFAULT_TRAIN): WeightsFile {
  const examples = prepare(items, o.features);
  const decision = tuneDecision(examples, outOfFold(examples, o), o);
  return toFile(fit(examples, o), decision, o);
}
