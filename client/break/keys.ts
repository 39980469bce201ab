/** Storage keys of the break companion, apart from storage.ts so screens can read one without loading the journal parser. */

/** Every key starts with this, so a "delete all my data" sweep over `breather.` finds them. */
export const BREAK_KEY_PREFIX = 'breather.break.';
export const journalKey = (pauseId: string) => `${BREAK_KEY_PREFIX}journal.${pauseId}`;
