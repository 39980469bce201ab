/**
 * The trained model: its file format, loading, and scoring.
 *
 * One linear layer over the features, with 24 heads: the three labels (a softmax), then the
 * protest kinds and the needs (a softmax each, or logistic heads). The file is compact: tiny
 * weights are pruned, the rest are integers (weight × `scale`), and each head lists only its
 * non-zero weights as [gap to the previous feature index, weight] pairs.
 */
import type { FeatureConfig } from './features.js';
import { NEED_IDS, PROTEST_KINDS, STATEMENT_LABELS } from './ids.js';

/** Head order: labels, then kinds, then needs. */
export const HEADS = [...STATEMENT_LABELS, ...PROTEST_KINDS, ...NEED_IDS] as const;
export const KIND_OFFSET = STATEMENT_LABELS.length;
export const NEED_OFFSET = KIND_OFFSET + PROTEST_KINDS.length;

/** How probabilities become a label and categories; tuned by cross-validation when training. */
export interface Decision {
  /** A protest verdict yields to need when the need probability reaches this. */
  needGuard: number;
  /**
   * Protest beats neutral when its probability times this reaches neutral's: the corpus holds
   * more quiet protests ("ok cool. bye then") than loud neutrals, and a missed protest is a
   * missed chance for the coach; need is never traded this way (that is `needGuard`'s job).
   */
  protestBoost: number;
  /** Owned feeling in the first person and no strong protest cue → never protest. */
  ownedGuard: boolean;
  /** A kind (need) is reported when its probability reaches this; the likeliest always is. */
  kind: number;
  need: number;
  /** Kinds and needs are each one softmax (else independent logistic heads). */
  softmaxCategories: boolean;
}

export interface WeightsFile {
  version: 1;
  features: FeatureConfig;
  decision: Decision;
  /** Stored weights are integers: weight × scale. */
  scale: number;
  bias: number[];
  vocab: string[];
  /** Per head: [index gap, weight, index gap, weight, …] over `vocab`. */
  heads: number[][];
}

export interface Model {
  features: FeatureConfig;
  decision: Decision;
  bias: Float64Array;
  /** Feature name → flat [head, weight, head, weight, …]. */
  table: Map<string, Float64Array>;
}

export function loadModel(file: WeightsFile): Model {
  if (file.version !== 1 || file.heads.length !== HEADS.length || file.bias.length !== HEADS.length) {
    throw new Error('checker model: unsupported or damaged weights file');
  }
  const rows: number[][] = file.vocab.map(() => []);
  file.heads.forEach((pairs, h) => {
    let j = 0;
    for (let k = 0; k < pairs.length; k += 2) {
      j += pairs[k]!;
      const row = rows[j];
      if (!row) throw new Error('checker model: unsupported or damaged weights file');
      row.push(h, pairs[k + 1]! / file.scale);
    }
  });
  const table = new Map<string, Float64Array>();
  file.vocab.forEach((name, i) => table.set(name, Float64Array.from(rows[i]!)));
  return {
    features: file.features,
    decision: file.decision,
    bias: Float64Array.from(file.bias, (b) => b / file.scale),
    table,
  };
}

/** Raw scores of every head for a feature vector. */
export function scoreHeads(model: Model, values: ReadonlyMap<string, number>): Float64Array {
  const z = Float64Array.from(model.bias);
  for (const [name, x] of values) {
    const row = model.table.get(name);
    if (!row) continue;
    for (let j = 0; j < row.length; j += 2) z[row[j]!]! += x * row[j + 1]!;
  }
  return z;
}

export function softmax(z: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i]!);
  const e = Array.from(z, (v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

export interface Probabilities {
  label: number[];
  kinds: number[];
  needs: number[];
}

export function probabilities(z: Float64Array, softmaxCategories: boolean): Probabilities {
  const kinds = z.subarray(KIND_OFFSET, NEED_OFFSET);
  const needs = z.subarray(NEED_OFFSET);
  return {
    label: softmax(z.subarray(0, KIND_OFFSET)),
    kinds: softmaxCategories ? softmax(kinds) : Array.from(kinds, sigmoid),
    needs: softmaxCategories ? softmax(needs) : Array.from(needs, sigmoid),
  };
}
