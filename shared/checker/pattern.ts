/**
 * A tiny macro language for cue patterns, so every lexicon entry tolerates the same
 * spelling variants without repeating them (and without forgetting them in one place).
 * Patterns run against normalised text (see normalize.ts): lower case, straight apostrophes,
 * shorthand already expanded.
 */

const MACROS: Readonly<Record<string, string>> = {
  // "you're" as people actually type it: "your so selfish", "you so selfish".
  youre: "(?:you're|you are|your|you)",
  // Softeners and intensifiers that may sit between the words of a cue.
  adv:
    '(?:(?:just|really|so|even|ever|literally|actually|obviously|clearly|honestly|seriously|totally' +
    '|completely|always|still|also|probably|definitely|simply|fucking|freaking|bloody|f\\*+ing' +
    '|kind of|kinda|pretty|very|too|being|acting|such|a|an|the most|the|being so)\\s+)*',
  // Numbers as digits or words, for counting (score-keeping) and message tallies (pursuit).
  num:
    '(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty' +
    '|a dozen|dozens of|a hundred|hundreds of|a million|a thousand|so many|how many)',
  // End of a clause: punctuation or end of text.
  end: '(?=\\s*(?:[.!?,;:)\\-]|$))',
  // Start of a clause.
  start: '(?:^|[.!?,;:]\\s*|\\s-\\s*)',
  i: "(?:i|i'm|i am)",
  // A few words, but never across a sentence boundary.
  gap: '(?:[^.!?;]{0,40}?)',
};

/** Compile a cue pattern: `{name}` expands a macro; the result is case-insensitive. */
export function cue(source: string): RegExp {
  const expanded = source.replace(/\{(\w+)\}/g, (whole, name: string) => MACROS[name] ?? whole);
  // Plain (non-unicode) regexps run several times faster in V8; only \p{…} classes need the flag.
  return new RegExp(expanded, expanded.includes('\\p{') ? 'iu' : 'i');
}

/** Alternation of words, each matched whole. */
export function words(list: readonly string[]): string {
  return `(?:${list.join('|')})`;
}
