import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkStatement } from '../../shared/checker/index.js';
import { evaluate, parseStatements } from '../../shared/checker/metrics.js';

/** The handout folder beside the repo; it is not part of the repo, so it may be absent. */
const repoRoot = resolve(import.meta.dirname, '../..');
const CORPUS = resolve(repoRoot, '../shared/corpus/statements.dev.jsonl');
const present = existsSync(CORPUS);

describe('dev corpus', () => {
  test.skipIf(!present)(
    present ? 'meets the targets: macro F1 ≥ 0.9, protest precision and recall ≥ 0.9' : `skipped: ${CORPUS} not found`,
    () => {
      const items = parseStatements(readFileSync(CORPUS, 'utf8'));
      const report = evaluate(
        items,
        items.map((item) => {
          const r = checkStatement(item.text);
          return { label: r.label, kinds: r.protests.map((p) => p.kind), needs: r.needs.map((n) => n.need) };
        }),
      );
      expect(report.macro_f1).toBeGreaterThanOrEqual(0.9);
      expect(report.protest.precision).toBeGreaterThanOrEqual(0.9);
      expect(report.protest.recall).toBeGreaterThanOrEqual(0.9);
    },
  );
});
