/**
 * The training corpus and the weights file as text (file access stays with the callers:
 * scripts/train-checker.ts, scripts/eval-statements.ts and the reproducibility test).
 */
import type { WeightsFile } from '../model.js';

/** corpus/train-*.jsonl are trained on; corpus/heldout-*.jsonl never are. */
export const TRAINING_FILE = /^train-[\w-]+\.jsonl$/;
export const HELDOUT_FILE = /^heldout-[\w-]+\.jsonl$/;

/** The weights as committed: one vocab entry and one head per line. */
export function formatWeights(file: WeightsFile): string {
  const { vocab, heads, ...head } = file;
  const lines = Object.entries(head).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  lines.push(`"vocab":[\n${vocab.map((v) => JSON.stringify(v)).join(',\n')}\n]`);
  lines.push(`"heads":[\n${heads.map((w) => JSON.stringify(w)).join(',\n')}\n]`);
  return `{\n${lines.join(',\n')}\n}\n`;
}
