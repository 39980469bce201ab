import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseStatements } from '../../shared/checker/metrics.js';
import { TRAINING_FILE, formatWeights } from '../../shared/checker/training/corpus.js';
import { DEFAULT_TRAIN, trainChecker } from '../../shared/checker/training/train.js';

const root = resolve(import.meta.dirname, '../..');

describe('trained weights', () => {
  test('a fresh training run reproduces the committed file (run `npm run train:checker` after changing the corpus or the checker)', () => {
    const files = readdirSync(resolve(root, 'corpus'))
      .filter((f) => TRAINING_FILE.test(f))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    const items = files.flatMap((f) => parseStatements(readFileSync(resolve(root, 'corpus', f), 'utf8')));
    const fresh = formatWeights(trainChecker(items));
    const committed = readFileSync(resolve(root, 'shared/checker/model/weights.json'), 'utf8');
    // Compared as text, so a mismatch does not print two 400 KB files.
    expect(fresh === committed, 'weights.json differs from a fresh training run').toBe(true);
  }, 180_000);

  test('training is deterministic, and the seed is what fixes it', () => {
    const items = parseStatements(
      [
        '{"text":"you never ever listen","label":"protest","kinds":["criticism"]}',
        '{"text":"answer me right now","label":"protest","kinds":["pursuit"]}',
        '{"text":"i miss you, can we cuddle","label":"need","needs":["affection"]}',
        '{"text":"i feel so alone tonight","label":"need","needs":["closeness"]}',
        '{"text":"the bins go out on monday","label":"neutral"}',
        '{"text":"dinner is at seven","label":"neutral"}',
      ].join('\n'),
    );
    const small = { ...DEFAULT_TRAIN, minDf: 1, charMinDf: 1, categoryMinDf: 1, folds: 2 };
    const a = formatWeights(trainChecker(items, small));
    expect(formatWeights(trainChecker(items, small))).toBe(a);
    expect(formatWeights(trainChecker(items, { ...small, seed: small.seed + 1 }))).not.toBe(a);
  });
});
