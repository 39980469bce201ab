// eval:statements — how well the on-device statement checker labels a JSONL corpus.
// `npm run eval:statements -- [--file <jsonl> …] [--heldout] [--cv [--options <json>]] [--json]`
//   (default)  the committed model on ../shared/corpus/statements.dev.jsonl, or on each --file;
//   --heldout  the committed model on corpus/heldout-*.jsonl (never trained or tuned on);
//   --cv       5-fold cross-validation on corpus/train-*.jsonl (stratified by label, fixed seed):
//              each fold trains from scratch, its decision thresholds tuned inside the fold;
//              --options overrides training options (JSON), to compare alternatives.
// --json prints one JSON line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkStatement, createChecker, type StatementCheck } from '../shared/checker/check.js';
import { PROTEST_KINDS } from '../shared/checker/ids.js';
import {
  evaluate,
  kindConfusion,
  parseStatements,
  type LabelledStatement,
  type Prediction,
} from '../shared/checker/metrics.js';
import { HELDOUT_FILE, TRAINING_FILE } from '../shared/checker/training/corpus.js';
import { DEFAULT_TRAIN, stratifiedFolds, trainChecker, type TrainOptions } from '../shared/checker/training/train.js';

const root = resolve(import.meta.dirname, '..');
/** The handout folder sits beside the repo: ../shared/corpus. */
const DEFAULT_FILE = resolve(root, '../shared/corpus/statements.dev.jsonl');

const { values } = parseArgs({
  options: {
    file: { type: 'string', multiple: true },
    heldout: { type: 'boolean', default: false },
    cv: { type: 'boolean', default: false },
    options: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

function corpusFiles(pattern: RegExp): string[] {
  return readdirSync(resolve(root, 'corpus'))
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => resolve(root, 'corpus', f));
}

const files = values.cv
  ? corpusFiles(TRAINING_FILE)
  : values.heldout
    ? corpusFiles(HELDOUT_FILE)
    : (values.file ?? [DEFAULT_FILE]).map((f) => resolve(process.cwd(), f));
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`eval:statements: no such file: ${file}`);
    process.exit(2);
  }
}
if (files.length === 0) {
  console.error('eval:statements: no corpus files found');
  process.exit(2);
}
const items = files.flatMap((f) => parseStatements(readFileSync(f, 'utf8')));
const toPrediction = (r: StatementCheck): Prediction => ({
  label: r.label,
  kinds: r.protests.map((p) => p.kind),
  needs: r.needs.map((x) => x.need),
});

function crossValidate(all: readonly LabelledStatement[], o: TrainOptions): Prediction[] {
  const k = 5;
  // A seed of its own, so the outer folds are not the inner tuning folds.
  const fold = stratifiedFolds(all, k, o.seed + 1);
  const out = new Array<Prediction>(all.length);
  for (let f = 0; f < k; f++) {
    const check = createChecker(
      trainChecker(
        all.filter((_, i) => fold[i] !== f),
        o,
      ),
    );
    all.forEach((item, i) => {
      if (fold[i] === f) out[i] = toPrediction(check(item.text));
    });
    if (!values.json) process.stderr.write(`fold ${f + 1}/${k} done\n`);
  }
  return out;
}

const options: TrainOptions = {
  ...DEFAULT_TRAIN,
  ...(values.options ? (JSON.parse(values.options) as Partial<TrainOptions>) : {}),
};
const predictions = values.cv
  ? crossValidate(items, options)
  : items.map((item) => toPrediction(checkStatement(item.text)));
const report = evaluate(items, predictions);

if (values.json) {
  console.log(JSON.stringify(report));
} else {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  console.log(`statements: ${report.n}  (${values.cv ? '5-fold cross-validation on ' : ''}${files.join(', ')})\n`);
  console.log('label      precision  recall      f1');
  for (const label of ['protest', 'need', 'neutral'] as const) {
    const m = report[label];
    console.log(`${label.padEnd(10)} ${pct(m.precision)}   ${pct(m.recall)} ${pct(m.f1)}`);
  }
  console.log(
    `\nmacro F1 ${pct(report.macro_f1)}   kind recall ${pct(report.kind_recall)}   needs recall ${pct(report.needs_recall)}   need→protest ${pct(report.need_as_protest)}`,
  );
  // Which kinds are mistaken for which: rows are gold kinds, columns the kind reported first.
  const rows = kindConfusion(items, predictions, PROTEST_KINDS);
  const cols = [...PROTEST_KINDS, '—'];
  const short = (k: string) => k.slice(0, 5).padStart(6);
  console.log(`\nkind            n  recall  extra ${cols.map(short).join('')}`);
  for (const r of rows) {
    const cells = cols.map((c) => String(r.first[c] ?? '').padStart(6)).join('');
    console.log(
      `${r.kind.padEnd(13)} ${String(r.n).padStart(4)} ${pct(r.n ? r.found / r.n : 1)} ${String(r.extra).padStart(6)} ${cells}`,
    );
  }
  const reported = predictions.filter((p) => p.label === 'protest');
  console.log(
    `kinds reported per protest verdict: ${(reported.reduce((s, p) => s + p.kinds.length, 0) / (reported.length || 1)).toFixed(2)}`,
  );
  const wrong = items.flatMap((item, i) =>
    predictions[i]!.label === item.label ? [] : [{ item, p: predictions[i]! }],
  );
  console.log(`\nmisclassified: ${wrong.length}`);
  for (const { item, p } of wrong)
    console.log(`  [${item.label} → ${p.label}] ${item.text}${p.kinds.length ? `  (${p.kinds.join(', ')})` : ''}`);
  const partial = items.flatMap((item, i) => {
    const p = predictions[i]!;
    if (p.label !== item.label) return [];
    const gold = item.label === 'protest' ? (item.kinds ?? []) : item.label === 'need' ? (item.needs ?? []) : [];
    const got = item.label === 'protest' ? p.kinds : p.needs;
    const missing = gold.filter((g) => !got.includes(g));
    return missing.length ? [`  ${item.text}  missing: ${missing.join(', ')}; got: ${got.join(', ') || '—'}`] : [];
  });
  if (partial.length) console.log(`\nright label, missing categories: ${partial.length}\n${partial.join('\n')}`);
}
