/**
 * Linear models trained by stochastic gradient descent with AdaGrad step sizes and L2, in a
 * fixed order drawn from a seeded generator (L1 applied as a clipped shrink after each step): the same corpus and seed give the same weights,
 * bit for bit, on every run.
 */

export interface SparseRow {
  idx: Int32Array;
  val: Float64Array;
}

export interface LinearOptions {
  epochs: number;
  rate: number;
  l2: number;
  /** L1 shrinkage per step: drives most weights to exactly zero, which keeps the file small. */
  l1: number;
  seed: number;
}

export interface Linear {
  /** dim × heads, row-major by feature. */
  w: Float64Array;
  b: Float64Array;
  heads: number;
}

/** mulberry32: a small, well-mixed 32-bit generator. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Fit `heads` outputs. `softmax`: one class per row (targets[i] = class index), cross-entropy
 * over the classes. Otherwise independent logistic heads (targets[i] = bit mask of positives).
 * `weight(i, head, positive)` scales each row's loss (class balancing).
 */
export function fitLinear(
  rows: readonly SparseRow[],
  targets: readonly number[],
  dim: number,
  heads: number,
  softmax: boolean,
  weight: (i: number, head: number, positive: boolean) => number,
  o: LinearOptions,
): Linear {
  const w = new Float64Array(dim * heads);
  const b = new Float64Array(heads);
  const gw = new Float64Array(dim * heads);
  const gb = new Float64Array(heads);
  const z = new Float64Array(heads);
  const g = new Float64Array(heads);
  const random = rng(o.seed);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const { idx, val } = rows[i]!;
      for (let h = 0; h < heads; h++) z[h] = b[h]!;
      for (let k = 0; k < idx.length; k++) {
        const base = idx[k]! * heads;
        const x = val[k]!;
        for (let h = 0; h < heads; h++) z[h]! += x * w[base + h]!;
      }
      const t = targets[i]!;
      if (softmax) {
        let max = -Infinity;
        for (let h = 0; h < heads; h++) max = Math.max(max, z[h]!);
        let sum = 0;
        for (let h = 0; h < heads; h++) sum += z[h] = Math.exp(z[h]! - max);
        const c = weight(i, t, true);
        for (let h = 0; h < heads; h++) g[h] = (z[h]! / sum - (h === t ? 1 : 0)) * c;
      } else {
        for (let h = 0; h < heads; h++) {
          const positive = ((t >> h) & 1) === 1;
          g[h] = (1 / (1 + Math.exp(-z[h]!)) - (positive ? 1 : 0)) * weight(i, h, positive);
        }
      }
      for (let h = 0; h < heads; h++) {
        const d = g[h]!;
        gb[h]! += d * d;
        b[h]! -= (o.rate * d) / Math.sqrt(gb[h]! + 1e-8);
      }
      for (let k = 0; k < idx.length; k++) {
        const base = idx[k]! * heads;
        const x = val[k]!;
        for (let h = 0; h < heads; h++) {
          const j = base + h;
          const d = g[h]! * x + o.l2 * w[j]!;
          gw[j]! += d * d;
          const step = o.rate / Math.sqrt(gw[j]! + 1e-8);
          const v = w[j]! - step * d;
          w[j] = v > 0 ? Math.max(0, v - step * o.l1) : Math.min(0, v + step * o.l1);
        }
      }
    }
  }
  return { w, b, heads };
}
