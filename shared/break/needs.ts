/**
 * The protest urges and the needs under them. Ids match the categories of the statement
 * corpus so the reconnect conversation can pick up what was noted during the break.
 */

/** Protest behaviours (Levine & Heller), phrased as what a person feels like doing. */
export const URGE_IDS = ['pursuit', 'withdrawal', 'score-keeping', 'threat', 'jealousy', 'other'] as const;
export type UrgeId = (typeof URGE_IDS)[number];

export const NEED_IDS = [
  'reassurance',
  'closeness',
  'understanding',
  'respect',
  'appreciation',
  'autonomy',
  'support',
  'fairness',
  'trust',
  'rest',
  'predictability',
  'affection',
] as const;
export type NeedId = (typeof NEED_IDS)[number];

/** Gottman's distress-maintaining thoughts. */
export const THOUGHT_IDS = ['innocent-victim', 'righteous-indignation'] as const;
export type ThoughtId = (typeof THOUGHT_IDS)[number];

/** Where a hurting part is often felt; a tap is easier than finding words when flooded. */
export const BODY_PLACE_IDS = ['chest', 'throat', 'stomach', 'shoulders', 'jaw', 'head', 'hands'] as const;
export type BodyPlaceId = (typeof BODY_PLACE_IDS)[number];
