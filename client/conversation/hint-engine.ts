/**
 * Everything the hint needs to read a statement, in one module loaded on demand: the checker (and
 * its model) reaches the phone only with the reconnect screens and the break-note writer, never
 * with the first screen.
 */
import { checkStatement } from '../../shared/checker';
import { buildHint, type HintChoices } from '../../shared/checker/hint';
import { REWRITE_WORDS } from '../content/hint';

export function hintFor(text: string, choices: HintChoices) {
  return buildHint(text, checkStatement, choices, REWRITE_WORDS);
}
