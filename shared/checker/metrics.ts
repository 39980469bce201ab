/**
 * Precision / recall / F1 for the statement checker, shared by the eval script and the tests
 * so both judge the checker the same way.
 */
import { STATEMENT_LABELS, type StatementLabel } from './ids.js';

export interface LabelledStatement {
  text: string;
  label: StatementLabel;
  kinds?: string[];
  needs?: string[];
}

export interface Prediction {
  label: StatementLabel;
  kinds: string[];
  needs: string[];
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  n: number;
  protest: PRF;
  need: PRF;
  neutral: PRF;
  macro_f1: number;
  /** Share of gold protest kinds found, over gold protest items. */
  kind_recall: number;
  /** Share of gold needs found, over gold need items. */
  needs_recall: number;
  /** Share of gold need statements labelled protest: the mistake that must stay rare. */
  need_as_protest: number;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

function prf(tp: number, fp: number, fn: number): PRF {
  // An empty class is perfect rather than undefined, so a small file never yields NaN.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1) };
}

/** Micro-averaged share of gold items found among predicted ones. */
function setRecall(pairs: Array<[gold: string[], found: string[]]>): number {
  let gold = 0;
  let hit = 0;
  for (const [g, f] of pairs) {
    gold += g.length;
    hit += g.filter((x) => f.includes(x)).length;
  }
  return gold === 0 ? 1 : round(hit / gold);
}

export function evaluate(items: readonly LabelledStatement[], predictions: readonly Prediction[]): EvalReport {
  if (items.length !== predictions.length) throw new Error('items and predictions differ in length');
  const per = {} as Record<StatementLabel, PRF>;
  for (const label of STATEMENT_LABELS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    items.forEach((item, i) => {
      const p = predictions[i]!.label;
      if (p === label && item.label === label) tp++;
      else if (p === label) fp++;
      else if (item.label === label) fn++;
    });
    per[label] = prf(tp, fp, fn);
  }
  const macro = STATEMENT_LABELS.reduce((s, l) => s + per[l].f1, 0) / STATEMENT_LABELS.length;
  const kind_recall = setRecall(
    items.flatMap((item, i) =>
      item.label === 'protest' ? [[item.kinds ?? [], predictions[i]!.kinds] as [string[], string[]]] : [],
    ),
  );
  const needs_recall = setRecall(
    items.flatMap((item, i) =>
      item.label === 'need' ? [[item.needs ?? [], predictions[i]!.needs] as [string[], string[]]] : [],
    ),
  );
  const gold_needs = items.filter((item) => item.label === 'need').length;
  const need_as_protest =
    gold_needs === 0
      ? 0
      : round(
          items.filter((item, i) => item.label === 'need' && predictions[i]!.label === 'protest').length / gold_needs,
        );
  return {
    n: items.length,
    protest: per.protest,
    need: per.need,
    neutral: per.neutral,
    macro_f1: round(macro),
    kind_recall,
    needs_recall,
    need_as_protest,
  };
}

/** How one gold kind fared: found at all, and which kind the checker put first instead. */
export interface KindRow {
  kind: string;
  /** Gold protest items carrying this kind. */
  n: number;
  /** Of those, how many had it among the reported kinds. */
  found: number;
  /** Likeliest reported kind → count ("—" when the item was not labelled protest). */
  first: Record<string, number>;
  /** Items this kind was reported for without it being gold (any label). */
  extra: number;
}

/** Per-kind confusion over gold protest items: which kinds are mistaken for which. */
export function kindConfusion(
  items: readonly LabelledStatement[],
  predictions: readonly Prediction[],
  kinds: readonly string[],
): KindRow[] {
  const rows = kinds.map((kind): KindRow => ({ kind, n: 0, found: 0, first: {}, extra: 0 }));
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  items.forEach((item, i) => {
    const p = predictions[i]!;
    const gold = item.label === 'protest' ? (item.kinds ?? []) : [];
    for (const k of gold) {
      const row = byKind.get(k);
      if (!row) continue;
      row.n++;
      if (p.kinds.includes(k)) row.found++;
      const top = p.label === 'protest' ? (p.kinds[0] ?? '—') : '—';
      row.first[top] = (row.first[top] ?? 0) + 1;
    }
    for (const k of p.kinds) {
      const row = byKind.get(k);
      if (row && !gold.includes(k)) row.extra++;
    }
  });
  return rows;
}

/** Parse a JSONL corpus; blank lines are skipped, a malformed line names its line number. */
export function parseStatements(jsonl: string): LabelledStatement[] {
  const out: LabelledStatement[] = [];
  jsonl.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1}: not JSON`);
    }
    const v = value as Partial<LabelledStatement>;
    if (typeof v.text !== 'string' || !(STATEMENT_LABELS as readonly string[]).includes(v.label as string)) {
      throw new Error(`line ${i + 1}: needs "text" and "label" (protest|need|neutral)`);
    }
    out.push({ text: v.text, label: v.label as StatementLabel, kinds: v.kinds ?? [], needs: v.needs ?? [] });
  });
  return out;
}
