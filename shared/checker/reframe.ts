/**
 * The person's picked feelings and needs, as they read inside a sentence the app offers back:
 * "scared and lonely", "reassurance", "to feel understood". Only their own choices go in.
 */
import { NEED_IDS, type NeedId } from './ids.js';

/** How each need reads after "I need …". */
export const NEED_PHRASES: Readonly<Record<NeedId, string>> = {
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

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function isNeedId(s: string): s is NeedId {
  return (NEED_IDS as readonly string[]).includes(s);
}

/** "I feel scared" / "feeling scared" / "Scared." → "scared"; empty when there is nothing. */
export function feelingPhrase(feeling: string): string {
  const f = clean(feeling)
    .replace(/^(?:i\s+(?:feel|felt|am|'m|was)|i'm|feeling|felt|feel)\s+/i, '')
    .replace(/[.!?,;]+$/, '');
  return /^I\b/.test(f) ? f : f.charAt(0).toLowerCase() + f.slice(1);
}

/** A need id → its phrase; the person's own words ("I need a heads-up.") → "a heads-up". */
export function needPhrase(need: string): string {
  const n = clean(need)
    .replace(/^(?:i\s+need|need)\s+/i, '')
    .replace(/[.!?,;]+$/, '');
  const id = n.toLowerCase();
  return isNeedId(id) ? NEED_PHRASES[id] : n.charAt(0).toLowerCase() + n.slice(1);
}

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
