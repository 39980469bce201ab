/**
 * Faux feelings (NVC): judgements dressed as feelings ("abandoned" says what the other person
 * did, not what I feel). The reconnect UI accepts the word and then offers the real feelings
 * and the need that usually sit underneath, so the person can pick what fits.
 * The checker also uses this table: "I feel ignored" is an owned statement about a need.
 */
import type { NeedId } from './ids.js';

export interface FauxFeeling {
  /** Real feelings that commonly sit under the judgement, most common first. */
  feelings: string[];
  /** The need most often underneath. */
  need: NeedId;
  /** The need first, then other likely needs. */
  needs: NeedId[];
}

const entry = (feelings: string[], ...needs: [NeedId, ...NeedId[]]): FauxFeeling => ({
  feelings,
  need: needs[0],
  needs,
});

/** Keyed by the judgement word; variants map onto these in `fauxFeeling`. */
export const FAUX_FEELINGS: Readonly<Record<string, FauxFeeling>> = {
  abandoned: entry(['scared', 'lonely', 'hurt'], 'reassurance', 'closeness'),
  deserted: entry(['scared', 'lonely', 'hurt'], 'reassurance', 'closeness'),
  rejected: entry(['hurt', 'sad', 'lonely'], 'closeness', 'reassurance', 'affection'),
  unwanted: entry(['sad', 'lonely', 'hurt'], 'affection', 'closeness', 'reassurance'),
  unloved: entry(['sad', 'lonely', 'hurt'], 'affection', 'reassurance', 'closeness'),
  ignored: entry(['lonely', 'hurt', 'frustrated'], 'understanding', 'closeness'),
  neglected: entry(['lonely', 'sad', 'hurt'], 'closeness', 'support'),
  unheard: entry(['frustrated', 'lonely', 'discouraged'], 'understanding'),
  misunderstood: entry(['frustrated', 'confused', 'lonely'], 'understanding'),
  invisible: entry(['sad', 'lonely', 'discouraged'], 'appreciation', 'closeness'),
  unseen: entry(['sad', 'lonely', 'discouraged'], 'appreciation', 'understanding'),
  unappreciated: entry(['sad', 'discouraged', 'resentful'], 'appreciation', 'fairness'),
  'taken for granted': entry(['sad', 'tired', 'resentful'], 'appreciation', 'fairness'),
  used: entry(['angry', 'hurt', 'resentful'], 'fairness', 'respect'),
  betrayed: entry(['hurt', 'shocked', 'angry'], 'trust', 'reassurance'),
  cheated: entry(['hurt', 'angry', 'shocked'], 'trust', 'fairness'),
  lied: entry(['hurt', 'confused', 'angry'], 'trust'),
  deceived: entry(['hurt', 'confused', 'angry'], 'trust'),
  manipulated: entry(['confused', 'uneasy', 'angry'], 'trust', 'autonomy'),
  disrespected: entry(['hurt', 'angry', 'embarrassed'], 'respect'),
  belittled: entry(['hurt', 'embarrassed', 'angry'], 'respect', 'appreciation'),
  insulted: entry(['hurt', 'angry', 'embarrassed'], 'respect'),
  humiliated: entry(['embarrassed', 'hurt', 'ashamed'], 'respect'),
  dismissed: entry(['hurt', 'frustrated', 'discouraged'], 'understanding', 'respect'),
  invalidated: entry(['hurt', 'frustrated', 'confused'], 'understanding', 'respect'),
  patronized: entry(['irritated', 'frustrated', 'embarrassed'], 'respect'),
  attacked: entry(['scared', 'hurt', 'defensive'], 'respect', 'reassurance'),
  blamed: entry(['hurt', 'frustrated', 'scared'], 'understanding', 'fairness'),
  criticized: entry(['hurt', 'discouraged', 'embarrassed'], 'appreciation', 'respect'),
  judged: entry(['hurt', 'embarrassed', 'anxious'], 'understanding', 'respect'),
  interrupted: entry(['frustrated', 'irritated'], 'understanding', 'respect'),
  controlled: entry(['frustrated', 'trapped', 'resentful'], 'autonomy', 'trust'),
  smothered: entry(['overwhelmed', 'tense', 'restless'], 'autonomy', 'rest'),
  suffocated: entry(['overwhelmed', 'tense', 'restless'], 'autonomy', 'rest'),
  pressured: entry(['anxious', 'tense', 'overwhelmed'], 'autonomy', 'rest'),
  cornered: entry(['scared', 'tense', 'overwhelmed'], 'autonomy', 'rest'),
  trapped: entry(['scared', 'frustrated', 'hopeless'], 'autonomy'),
  intimidated: entry(['scared', 'nervous', 'uneasy'], 'reassurance', 'respect'),
  unsupported: entry(['overwhelmed', 'lonely', 'tired'], 'support'),
  'let down': entry(['disappointed', 'sad', 'hurt'], 'predictability', 'trust'),
  provoked: entry(['angry', 'irritated', 'tense'], 'respect', 'rest'),
  'put down': entry(['hurt', 'embarrassed', 'angry'], 'respect', 'appreciation'),
};

/** Word forms people actually type, mapped to the table's keys. */
const VARIANTS: Readonly<Record<string, string>> = {
  abandonment: 'abandoned',
  'left alone': 'abandoned',
  'left behind': 'abandoned',
  unheared: 'unheard',
  'not heard': 'unheard',
  'not listened to': 'unheard',
  'not seen': 'unseen',
  'not appreciated': 'unappreciated',
  underappreciated: 'unappreciated',
  'under appreciated': 'unappreciated',
  'not valued': 'unappreciated',
  undervalued: 'unappreciated',
  'not loved': 'unloved',
  'not wanted': 'unwanted',
  'not respected': 'disrespected',
  'not supported': 'unsupported',
  'lied to': 'lied',
  'cheated on': 'cheated',
  patronised: 'patronized',
  criticised: 'criticized',
  condescended: 'patronized',
  'talked down to': 'patronized',
  'taken advantage of': 'used',
  'walked over': 'used',
  'shut out': 'rejected',
  'pushed away': 'rejected',
  'brushed off': 'dismissed',
  gaslit: 'manipulated',
  gaslighted: 'manipulated',
};

/**
 * Real feelings and needs under a faux feeling, or null if the word is not a judgement
 * (then it is already a real feeling and should be taken as it is).
 * Tolerates "I feel abandoned", "Abandoned!", "feeling ignored", "unappreciated…".
 */
export function fauxFeeling(word: string): FauxFeeling | null {
  const key = word
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^a-z' -]/g, ' ')
    .replace(/^(?:\s|(?:i'm|i|feel|felt|feeling|am|was|so|really|very|kind of|totally|completely|just)\b)*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const canonical = VARIANTS[key] ?? key;
  const found = FAUX_FEELINGS[canonical];
  return found ? { feelings: [...found.feelings], need: found.need, needs: [...found.needs] } : null;
}

/** Pattern source matching any faux-feeling word or variant, longest first. */
export const FAUX_FEELING_WORDS: string = [...Object.keys(FAUX_FEELINGS), ...Object.keys(VARIANTS)]
  .sort((a, b) => b.length - a.length)
  .join('|');
