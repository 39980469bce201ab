/** Prefilled for each person; `{time}` becomes the clock time they will be back. */
export const DEFAULT_REASSURANCE = "I'm flooded and need a break. I'm not leaving us. I'll be back at {time}.";

export function renderReassurance(text: string, backAt: string): string {
  return text.replaceAll('{time}', backAt);
}
