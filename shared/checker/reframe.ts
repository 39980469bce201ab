/**
 * The gentle reframe offered when a statement reads as protest, built only from what the
 * person chose themselves: "Try: I felt scared and I need reassurance. Could we …?"
 * It suggests; it never blocks, corrects or explains what was wrong.
 */
import { NEED_IDS, type NeedId } from './ids.js';

export interface ReframeInput {
  /** A feeling word or phrase the person picked ("scared", "a bit lonely"). */
  feeling?: string;
  /** A need id, or the person's own words for a need. */
  need?: NeedId | string;
  /** What they would like to ask for ("go for a walk together", "Could you text me?"). */
  request?: string;
}

/** How each need reads after "I need …". */
const NEED_PHRASES: Readonly<Record<NeedId, string>> = {
  reassurance: 'reassurance',
  closeness: 'closeness',
  understanding: 'to feel understood',
  respect: 'respect',
  appreciation: 'appreciation',
  autonomy: 'some space',
  support: 'support',
  fairness: 'fairness',
  trust: 'trust',
  rest: 'rest',
  predictability: 'to know what to expect',
  affection: 'affection',
};

const PLACEHOLDER = '…';

function clean(s: string | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

function isNeedId(s: string): s is NeedId {
  return (NEED_IDS as readonly string[]).includes(s);
}

/** "I feel scared" / "feeling scared" / "Scared." → "scared". */
function feelingWords(feeling: string): string {
  const f = clean(feeling)
    .replace(/^(?:i\s+(?:feel|felt|am|'m|was)|i'm|feeling|felt|feel)\s+/i, '')
    .replace(/[.!?]+$/, '');
  return /^I\b/.test(f) ? f : f.charAt(0).toLowerCase() + f.slice(1);
}

function needWords(need: string): string {
  const n = clean(need).replace(/^(?:i\s+need|need)\s+/i, '').replace(/[.!?]+$/, '');
  return isNeedId(n.toLowerCase()) ? NEED_PHRASES[n.toLowerCase() as NeedId] : n.charAt(0).toLowerCase() + n.slice(1);
}

/** A request phrased as an open question, leaving room for "no". */
function requestWords(request: string): string {
  const r = clean(request).replace(/[.!?]+$/, '');
  if (r === '') return `Could we ${PLACEHOLDER}?`;
  if (/^(?:could|can|would|will|might) (?:you|we)\b|^(?:is it|would it be) /i.test(r)) return `${r.charAt(0).toUpperCase()}${r.slice(1)}?`;
  const rest = r.replace(/^(?:please|let's|lets|i(?:'d| would) like (?:us |you )?to|i want (?:us |you )?to|we could|we should)\s+/i, '');
  return `Could we ${rest.charAt(0).toLowerCase()}${rest.slice(1)}?`;
}

/** "Try: I felt scared and I need reassurance. Could we …?" */
export function suggestReframe(input: ReframeInput = {}): string {
  const feeling = clean(input.feeling) ? feelingWords(input.feeling ?? '') : PLACEHOLDER;
  const need = clean(input.need) ? needWords(input.need ?? '') : PLACEHOLDER;
  return `Try: I felt ${feeling} and I need ${need}. ${requestWords(input.request ?? '')}`;
}
