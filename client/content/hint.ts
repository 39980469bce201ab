import type { NeedId, ProtestKind } from '../../shared/checker/ids';
import type { RewriteWords } from '../../shared/checker/hint';
import { NEED_WORDS } from './conversation';

/**
 * The gentle hint beside what a person writes to their partner (the reconnect request, a note held
 * during a break). Read by someone who may still be flooded: short words, no verdicts, no shame.
 * First hear them, then name the pattern in their own words, then offer what tends to work instead.
 */

/** How the words might land, in plain language (after "might land as"). */
const LANDS_AS: Record<ProtestKind, string> = {
  criticism: 'criticism',
  contempt: 'a put-down',
  defensiveness: 'pushing back',
  withdrawal: 'shutting them out',
  threat: 'a threat',
  'score-keeping': 'keeping score',
  pursuit: 'pressure',
  guilt: 'a guilt trip',
  jealousy: 'suspicion',
};

/** What tends to work instead (Gottman's antidotes; Levine and Heller for the protest behaviours). */
const ANTIDOTE: Record<ProtestKind, string> = {
  criticism: 'A softer start is easier to hear: how you feel, what happened, and what you need.',
  contempt: 'It can help to say one thing you value about them, then what you need.',
  defensiveness: 'Owning one small part, even a tiny one, helps them soften too.',
  withdrawal: 'Needing a break is okay. Say that you need one, and when you will be back.',
  threat: 'Words like these often hide fear. Saying the fear is easier to hear.',
  'score-keeping': 'Old hurts matter. One thing at a time, the one for now, is easier to hear.',
  pursuit: 'Asking for a time to talk can bring the closeness you want.',
  guilt: 'Saying what you need, plainly, gives them a real chance to give it.',
  jealousy: 'Asking for reassurance is easier to hear than a question that sounds like blame.',
};

export const hintCopy = {
  /** First, hear them. */
  hear: (feeling: string | null) =>
    feeling ? `Feeling ${feeling} makes sense after a hard moment.` : 'It makes sense that this matters to you.',
  name: (quote: string, kind: ProtestKind) => `“${quote}” might land as ${LANDS_AS[kind]}.`,
  antidote: (kind: ProtestKind) => ANTIDOTE[kind],
  suggestLead: 'You could say:',
  use: 'Use this',
  useLabel: 'Use the suggested words instead of the flagged part',
  keep: 'Keep mine',
  keepLabel: 'Keep my own words and close this hint',
  applied: 'Changed. Your other words are still there.',
  undo: 'Undo',
  undoLabel: 'Undo: put back exactly what I wrote',
  undone: 'Back to your own words.',
  warmTitle: 'This is clear and kind.',
  warm: (feeling: string | null, need: NeedId | null) => {
    if (need) return `You said what you need: ${NEED_WORDS[need]}. That is easy to hear.`;
    if (feeling) return `You said how you feel. That helps them understand you.`;
    return 'You said what is going on for you. That helps them understand you.';
  },
};

/** The pieces a suggested rewrite is built from: always whole sentences, never blanks to fill in. */
export const REWRITE_WORDS: RewriteWords = {
  feel: (feeling, situation) => (situation ? `I feel ${feeling} ${situation}` : `I feel ${feeling}`),
  hardFor: (situation) => `It's hard for me ${situation}`,
  need: (need) => `I need ${need}`,
  and: (first, second) => `${first}, and ${second}`,
  ask: (wish) => `Could you ${wish}?`,
  opening: {
    contempt: (feeling) =>
      feeling ? `I care about you, and right now I feel ${feeling}` : 'I care about you, and this matters to me',
    defensiveness: (feeling) =>
      feeling ? `I can see my part in this, and I feel ${feeling}` : 'I can see my part in this',
    threat: (feeling) => (feeling ? `I feel ${feeling}, and I'm scared of losing us` : `I'm scared of losing us`),
  },
  kindAsk: {
    criticism: 'Could we talk about it together?',
    contempt: 'Could we talk about it gently?',
    defensiveness: 'Can we work on it together?',
    withdrawal: "I need a short break. I'll come back in 20 minutes so we can keep talking.",
    threat: "Could we talk when we're both calmer?",
    'score-keeping': 'Can we talk about just this one thing for now?',
    pursuit: 'Could we pick a time to talk later today?',
    guilt: 'Could we talk about it together?',
    jealousy: "Could you tell me we're okay?",
  },
  askMode: { withdrawal: 'instead', pursuit: 'also', 'score-keeping': 'also' },
  kindNeed: { threat: 'reassurance', jealousy: 'reassurance', pursuit: 'closeness', contempt: 'respect' },
};
