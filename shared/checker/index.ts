/** The on-device statement checker: one import for the client and the tests. */
export {
  PROTEST_KINDS,
  NEED_IDS,
  STATEMENT_LABELS,
  type ProtestKind,
  type NeedId,
  type StatementLabel,
} from './ids.js';
export { checkStatement, type StatementCheck, type ProtestFinding, type NeedFinding } from './check.js';
export { fauxFeeling, FAUX_FEELINGS, type FauxFeeling } from './faux-feelings.js';
export { normalize } from './normalize.js';
