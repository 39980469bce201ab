import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkStatement } from '../../shared/checker/index.js';
import { evaluate, parseStatements, type EvalReport } from '../../shared/checker/metrics.js';
import { HELDOUT_FILE } from '../../shared/checker/training/corpus.js';
import { findHandout } from '../support/handout.js';

const repoRoot = resolve(import.meta.dirname, '../..');
/** The handout's dev set: not part of the repo, so it may be absent on a laptop (never in CI). */
const handout = findHandout();
const DEV = resolve(handout ?? resolve(repoRoot, '../shared'), 'corpus/statements.dev.jsonl');
const devPresent = existsSync(DEV);

function report(jsonl: string): EvalReport {
  const items = parseStatements(jsonl);
  return evaluate(
    items,
    items.map((item) => {
      const r = checkStatement(item.text);
      return { label: r.label, kinds: r.protests.map((p) => p.kind), needs: r.needs.map((n) => n.need) };
    }),
  );
}

/** The targets on statements the checker has never seen. */
function meetsTargets(r: EvalReport, kindRecall: number): void {
  expect(r.macro_f1).toBeGreaterThanOrEqual(0.85);
  expect(r.protest.recall).toBeGreaterThanOrEqual(0.85);
  expect(r.need_as_protest).toBeLessThanOrEqual(0.03);
  expect(r.kind_recall).toBeGreaterThanOrEqual(kindRecall);
}

describe('statements the checker was never trained on', () => {
  test.skipIf(!devPresent && !process.env.CI)('dev set (../shared/corpus) meets the targets', () => {
    // In CI the dev set must be there: a missing file fails instead of passing quietly.
    expect(devPresent, `${DEV} is missing`).toBe(true);
    meetsTargets(report(readFileSync(DEV, 'utf8')), 0.7);
  });

  test('held-out split (corpus/heldout-*.jsonl) meets the targets', () => {
    const files = readdirSync(resolve(repoRoot, 'corpus')).filter((f) => HELDOUT_FILE.test(f));
    expect(files.length).toBeGreaterThan(0);
    meetsTargets(report(files.map((f) => readFileSync(resolve(repoRoot, 'corpus', f), 'utf8')).join('\n')), 0.7);
  });
});
