// eval:statements — how well the on-device statement checker labels a JSONL corpus.
// `npm run eval:statements -- [--file <jsonl>] [--json]`; --json prints one JSON line.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkStatement } from '../shared/checker/check.js';
import { evaluate, parseStatements, type Prediction } from '../shared/checker/metrics.js';

const root = resolve(import.meta.dirname, '..');
/** The handout folder sits beside the repo: ../shared/corpus. */
const DEFAULT_FILE = resolve(root, '../shared/corpus/statements.dev.jsonl');

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: DEFAULT_FILE },
    json: { type: 'boolean', default: false },
  },
});

const file = resolve(process.cwd(), values.file ?? DEFAULT_FILE);
if (!existsSync(file)) {
  console.error(`eval:statements: no such file: ${file}`);
  process.exit(2);
}
const items = parseStatements(readFileSync(file, 'utf8'));
const predictions: Prediction[] = items.map((item) => {
  const r = checkStatement(item.text);
  return { label: r.label, kinds: r.protests.map((p) => p.kind), needs: r.needs.map((x) => x.need) };
});
const report = evaluate(items, predictions);

if (values.json) {
  console.log(JSON.stringify(report));
} else {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  console.log(`statements: ${report.n}  (${file})\n`);
  console.log('label      precision  recall      f1');
  for (const label of ['protest', 'need', 'neutral'] as const) {
    const m = report[label];
    console.log(`${label.padEnd(10)} ${pct(m.precision)}   ${pct(m.recall)} ${pct(m.f1)}`);
  }
  console.log(`\nmacro F1 ${pct(report.macro_f1)}   kind recall ${pct(report.kind_recall)}   needs recall ${pct(report.needs_recall)}`);
  const wrong = items.flatMap((item, i) => (predictions[i]!.label === item.label ? [] : [{ item, p: predictions[i]! }]));
  console.log(`\nmisclassified: ${wrong.length}`);
  for (const { item, p } of wrong) console.log(`  [${item.label} → ${p.label}] ${item.text}${p.kinds.length ? `  (${p.kinds.join(', ')})` : ''}`);
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
