/**
 * Category ids of the statement checker. They are the corpus categories, and the need ids
 * are the ones the break tools already use (shared/break/needs.ts), so a need noted during the
 * break and a need found in a written statement are the same value.
 */
export { NEED_IDS, type NeedId } from '../break/needs.js';

/** Protest behaviours (Levine & Heller) and Gottman's horsemen, as they show up in words. */
export const PROTEST_KINDS = [
  'criticism',
  'contempt',
  'defensiveness',
  'withdrawal',
  'threat',
  'score-keeping',
  'pursuit',
  'guilt',
  'jealousy',
] as const;
export type ProtestKind = (typeof PROTEST_KINDS)[number];

export const STATEMENT_LABELS = ['protest', 'need', 'neutral'] as const;
export type StatementLabel = (typeof STATEMENT_LABELS)[number];
