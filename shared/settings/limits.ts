/**
 * Text limits the client needs without loading zod. Must match the schemas in
 * shared/contracts/events.ts (which could import these instead of repeating them).
 */
export const NAME_MAX = 40;
export const REASSURANCE_MAX = 280;
