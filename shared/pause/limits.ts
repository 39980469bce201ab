/** Break lengths in minutes. The body needs about 20 minutes to settle; a pause must not outlive a day. */
export const MIN_BREAK_MINUTES = 10;
export const SETTLE_MINUTES = 20;
export const MAX_TOTAL_MINUTES = 24 * 60;
export const DEFAULT_BREAK_MINUTES = 20;
export const BREAK_PRESETS = [20, 30, 60, 120] as const;
/** The check-in ladder: what "I need more" and "extend" may add. */
export const EXTEND_STEPS = [20, 60, 120] as const;
export type ExtendStep = (typeof EXTEND_STEPS)[number];

export const MINUTE_MS = 60_000;
export const MAX_TOTAL_MS = MAX_TOTAL_MINUTES * MINUTE_MS;
