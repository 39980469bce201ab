/**
 * From probabilities to a verdict, with the safety asymmetry built in: calling a vulnerable
 * need a protest hurts the person who just risked saying it, so a protest verdict needs a clear
 * margin over need, and a statement that owns a feeling with no strong protest cue is never
 * protest. The thresholds are tuned by cross-validation on the training corpus only.
 */
import { NEED_IDS, PROTEST_KINDS, type NeedId, type ProtestKind, type StatementLabel } from './ids.js';
import type { Decision, Probabilities } from './model.js';

export interface RuleSignals {
  owned: boolean;
  strongProtest: boolean;
}

export function decideLabel(p: Probabilities, signals: RuleSignals, d: Decision): StatementLabel {
  const [protest = 0, need = 0, neutral = 0] = p.label;
  if (protest >= need && protest * d.protestBoost >= neutral) {
    const guarded = need >= d.needGuard || (d.ownedGuard && signals.owned && !signals.strongProtest);
    if (!guarded) return 'protest';
    return need >= neutral ? 'need' : 'neutral';
  }
  return need >= neutral ? 'need' : 'neutral';
}

/** The likeliest category, then any other at or above the threshold; likeliest first. */
function pick<T>(ids: readonly T[], probs: readonly number[], threshold: number): T[] {
  const order = ids.map((_, i) => i).sort((a, b) => probs[b]! - probs[a]! || a - b);
  return order.filter((i, rank) => rank === 0 || probs[i]! >= threshold).map((i) => ids[i]!);
}

export function decideKinds(p: Probabilities, d: Decision): ProtestKind[] {
  return pick(PROTEST_KINDS, p.kinds, d.kind);
}

export function decideNeeds(p: Probabilities, d: Decision): NeedId[] {
  return pick(NEED_IDS, p.needs, d.need);
}
