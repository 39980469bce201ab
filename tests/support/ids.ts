/**
 * Unique, ordered ids for commands and messages. One counter per call, shared by every prefix, so
 * ids stay unique within a test file even across kinds.
 */
export function sequentialIds(): (prefix: string) => string {
  let counter = 0;
  return (prefix) => `${prefix}-${String(++counter).padStart(8, '0')}`;
}
