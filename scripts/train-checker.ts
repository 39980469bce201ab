// train:checker — rebuilds the statement checker's model from corpus/train-*.jsonl,
// deterministically (fixed seed), and writes shared/checker/model/weights.json.
// `npm run train:checker -- [--check]`: --check only compares a fresh run with the committed file.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseStatements } from '../shared/checker/metrics.js';
import { TRAINING_FILE, formatWeights } from '../shared/checker/training/corpus.js';
import { trainChecker } from '../shared/checker/training/train.js';

const root = resolve(import.meta.dirname, '..');
const OUT = resolve(root, 'shared/checker/model/weights.json');
const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });

const started = performance.now();
const files = readdirSync(resolve(root, 'corpus'))
  .filter((f) => TRAINING_FILE.test(f))
  .sort();
const items = files.flatMap((f) => parseStatements(readFileSync(resolve(root, 'corpus', f), 'utf8')));
const text = formatWeights(trainChecker(items));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (values.check) {
  const same = readFileSync(OUT, 'utf8') === text;
  console.log(same ? `weights.json is up to date (${seconds} s)` : 'weights.json differs from a fresh training run');
  process.exit(same ? 0 : 1);
}
writeFileSync(OUT, text);
console.log(
  `trained on ${items.length} statements (${files.join(', ')}) in ${seconds} s → ${(text.length / 1024).toFixed(0)} KB`,
);
