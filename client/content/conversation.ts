import type { NeedId, UrgeId } from '../../shared/break/needs';
import type { ConversationStep } from '../../shared/conversation/conversation';
import { activationScale, breakCopy } from './break';

/**
 * The words of the reconnect conversation and of the history screen. Read by two people who were
 * flooded an hour ago: short, plain, no verdicts, no shame. Everything is a choice, nothing a test.
 */

export const STEP_ORDER: readonly ConversationStep[] = ['checkin', 'prepare', 'turns', 'repair', 'summary'];

/** Feelings grouped by family, so a tired person scans five headings instead of thirty words. */
export const FEELING_FAMILIES: ReadonlyArray<{ id: string; name: string; feelings: readonly string[] }> = [
  { id: 'scared', name: 'Scared', feelings: ['scared', 'anxious', 'worried', 'insecure', 'panicky'] },
  { id: 'sad', name: 'Sad', feelings: ['sad', 'lonely', 'hurt', 'disappointed', 'discouraged'] },
  { id: 'angry', name: 'Angry', feelings: ['angry', 'frustrated', 'irritated', 'resentful'] },
  { id: 'overwhelmed', name: 'Overwhelmed', feelings: ['overwhelmed', 'tense', 'tired', 'confused', 'helpless'] },
  { id: 'ashamed', name: 'Ashamed', feelings: ['embarrassed', 'ashamed', 'guilty'] },
];

/**
 * What I did: protest behaviours (Levine & Heller) and the Four Horsemen (Gottman), as plain
 * first-person sentences. Naming it is a strength, so none of them sounds like a confession.
 */
export const DID_ITEMS = [
  { id: 'kept-texting', label: 'I kept texting or calling' },
  { id: 'followed', label: 'I followed you to keep talking' },
  { id: 'went-silent', label: 'I went silent' },
  { id: 'walked-off', label: 'I walked off without saying when I’d be back' },
  { id: 'old-things', label: 'I brought up old things' },
  { id: 'threatened', label: 'I threatened to leave' },
  { id: 'jealous', label: 'I tried to make you jealous' },
  { id: 'acted-busy', label: 'I acted busy or ignored you' },
  { id: 'criticised', label: 'I criticised you, not the problem' },
  { id: 'sarcastic', label: 'I was sarcastic or rolled my eyes' },
  { id: 'defended', label: 'I defended myself instead of listening' },
] as const;
export type DidId = (typeof DID_ITEMS)[number]['id'];

/** The urges noted during the break, as the checklist item they usually became. */
export const URGE_TO_DID: Partial<Record<UrgeId, DidId>> = {
  pursuit: 'kept-texting',
  withdrawal: 'went-silent',
  'score-keeping': 'old-things',
  threat: 'threatened',
  jealousy: 'jealous',
};

export const needLabel = (id: NeedId): string => breakCopy.urges.needs[id];

/** A need as it reads inside a sentence: "a need for reassurance". */
export const NEED_WORDS: Record<NeedId, string> = {
  reassurance: 'reassurance',
  closeness: 'closeness',
  understanding: 'being understood',
  respect: 'respect',
  appreciation: 'appreciation',
  autonomy: 'space',
  support: 'support',
  fairness: 'fairness',
  trust: 'trust',
  rest: 'rest',
  predictability: 'knowing what to expect',
  affection: 'affection',
};

export const conversationCopy = {
  loading: 'Opening your conversation…',
  stepOf: (n: number, total: number) => `Step ${n} of ${total}`,
  stepNames: {
    checkin: 'Check in',
    prepare: 'Prepare on your own',
    turns: 'Listen to each other',
    repair: 'Repair and plan',
    summary: 'Close',
  } satisfies Record<ConversationStep, string>,
  pauseAgain: 'Pause again',
  pauseAgainLabel: 'Pause again: both phones go back to a break',
  offline: 'No connection right now. Your words stay on this phone.',
  unreadable:
    'This can’t be opened on this phone. When you are both calm, check that your safety codes match (in Settings).',
  you: 'You',

  checkin: {
    title: 'You’re both ready.',
    lead: 'First, a quick check-in. How activated are you now?',
    hint: `${activationScale.hint} Your partner answers on their phone.`,
    /** The rating given a few minutes ago was sent for them (not asked again). */
    reused: (n: number) =>
      `You said ${n} a few minutes ago, so it is already here. Tap another number if it has changed.`,
    yours: (n: number) => `You said ${n}.`,
    change: 'You can change it until you both go on.',
    waiting: (name: string) => `Waiting for ${name} to check in…`,
    aboveTitle: 'One of you is still above 4.',
    aboveLead: 'That is okay. Bodies settle at different speeds. More time is a kind choice.',
    more: 'Take more time',
    moreLegend: 'A new break of',
    goAhead: 'We want to go ahead',
    goAheadWaiting: (name: string) => `You chose to go ahead. Waiting for ${name}…`,
    skip: 'Back to normal without talking',
    skipHint: (name: string) => `If it feels settled already, you can ask ${name} to stop here.`,
  },

  /** Closing takes both: "without talking" is asked, and answered; the summary's "Back to normal" waits for both. */
  closing: {
    askedTitle: 'You asked to go back to normal without talking.',
    askedWaiting: (name: string) => `Waiting for ${name} to answer…`,
    takeBack: 'Take it back',
    requestTitle: (name: string) => `${name} would like to go back to normal without talking now.`,
    requestLead: 'You can agree, or pick a time to talk later. Both phones will show it.',
    accept: 'Yes, back to normal',
    later: 'Pick a time to talk later',
    laterLabel: 'When shall we talk?',
    laterSet: 'Set this time',
    laterCancel: 'Cancel',
    talkNow: 'I’d rather talk now',
    leavingWaiting: (name: string) => `Waiting for ${name} to finish. They may still give their last number.`,
    partnerLeaving: (name: string) =>
      `${name} is ready to go back to normal. Give your last number if you like, then tap “Back to normal”.`,
  },

  /** A talk put off to a set time: shown on both calm screens, with a reminder when it comes. */
  talkLater: {
    planned: (when: string) => `You agreed to talk ${when}.`,
    due: (when: string) => `It’s time for the talk you planned ${when}.`,
    dueLead: 'Find a quiet moment together. Either of you can pause if it gets heated.',
    when: (day: string, time: string) => `${day} at ${time}`,
    today: 'today',
    tomorrow: 'tomorrow',
  },

  prepare: {
    title: 'Prepare on your own',
    lead: (name: string) => `Only you can see this. Nothing reaches ${name} until you tap “Share”.`,
    feltLegend: 'What I felt',
    feltHint: 'Tap a group to open it, then pick any that fit.',
    feltChosen: (n: number) => `${n} chosen`,
    feltOwn: 'In my own words (optional)',
    feltOwnHint: 'Any word is fine, even “ignored” or “abandoned”.',
    faux: (word: string, feelings: string, need: string) =>
      `“${word}” often has feelings like ${feelings} underneath, and a need for ${need}. Tap any that fit.`,
    fauxFeelingAdd: (f: string) => `Add “${f}”`,
    fauxNeedAdd: (n: string) => `Add need: ${n}`,
    didLegend: 'What I did',
    didHint: 'Everyone does some of these when flooded. Naming it helps your partner feel safe.',
    didOwn: 'Something else I did (optional)',
    needLegend: 'What I needed underneath',
    needHint: 'Pick 1 to 3.',
    needFull: 'That’s 3. Untick one to choose another.',
    needOwn: 'In my own words (optional)',
    requestLabel: 'One request',
    requestHint: 'Something specific and doable, said as what you’d like. They may say no.',
    requestExample: 'For example: “Could you text me when you’ll be back, if you need to leave?”',
    fromBreakTitle: 'From your break',
    fromBreakLead: 'What you noted on this phone during the break. Bring it in if it helps.',
    fromBreakUrges: 'You noticed urges to:',
    fromBreakNeeds: 'You thought you might need:',
    fromBreakUse: 'Bring these in',
    fromBreakUsed: 'Brought in. Change anything you like.',
    fromBreakNotes: 'Your notepad',
    fromBreakNotesUse: 'Add my notepad to “What I felt”',
    savedLocally: 'Saved on this phone as you go.',
    partOf: (n: number, total: number) => `Part ${n} of ${total}`,
    next: 'Next',
    back: 'Back',
    reviewTitle: 'Your card',
    reviewLead: (name: string) => `This is what ${name} will see when you tap “Share”.`,
    change: 'Change something',
    share: 'Share',
    shareHint: (name: string) => `Sharing shows this card on ${name}’s phone.`,
    sharedTitle: 'Shared.',
    waiting: (name: string) => `Waiting for ${name} to share…`,
    emptyWarn: 'Pick or write at least one thing before sharing.',
  },

  card: {
    felt: 'I felt',
    did: 'What I did',
    needed: 'What I needed',
    request: 'My request',
    title: (name: string) => `${name}’s card`,
    mine: 'Your card',
  },

  turns: {
    /** `name` null: this phone's person is the one suggested. */
    suggested: (name: string | null) => (name ? `Suggested: ${name} starts.` : 'Suggested: you start.'),
    suggestedWhy: 'It often helps the one who tends to go quiet to speak first.',
    either:
      '“Having the floor” means it is your turn to talk. Either of you can pass it to the other before anyone says back what they heard.',
    youHave: 'You have the floor',
    youHaveLead: (name: string) =>
      `Tell ${name} what is on your card, slowly, in your own words. They will say back what they heard.`,
    handOver: (name: string) => `Let ${name} go first`,
    theyHave: (name: string) => `${name} has the floor`,
    listenLead: 'Just listen. No answering back, no fixing, not yet.',
    paraphraseLabel: 'What I heard you need is …',
    paraphraseHint: 'Say it back in a sentence or two, the need more than the details.',
    check: 'Check with them',
    notQuiteLead: (name: string) => `${name} said “not quite”. Ask what you missed, then try again.`,
    waitingAnswer: (name: string) => `Waiting for ${name} to say if that’s it…`,
    heardTitle: (name: string) => `${name} heard:`,
    yes: 'Yes, that’s it',
    notQuite: 'Not quite',
    notQuiteWaiting: (name: string) => `You said “not quite”. Tell ${name} what they missed; they will try again.`,
    validateLead: (name: string) => `${name} said that’s it. If you can, tell them what makes sense about it.`,
    validateLabel: 'That makes sense because …',
    validateShare: 'Share',
    validateSkip: 'Skip',
    validateWaiting: (name: string) => `${name} heard you. They may add what makes sense to them…`,
    swapNote: 'You have both been heard once you swap.',
    turnOf: (n: number) => `Turn ${n} of 2`,
  },

  repair: {
    title: 'Repair and plan',
    lead: 'Each part is optional. Write at least one.',
    /** Gottman's Four Horsemen, each with what helps instead. */
    horsemenTitle: 'Four things that hurt a talk, and what helps instead',
    horsemenLead:
      'Couples researchers call these the “Four Horsemen”. Did one show up? Name it, gently, in what you regret.',
    horsemen: [
      {
        name: 'Criticism',
        looksLike: 'Blaming who they are: “You always…”, “You never…”.',
        antidote: 'Start gently: “I feel … about … I need …”.',
      },
      {
        name: 'Contempt',
        looksLike: 'Mocking, eye-rolling, name-calling, acting better than them.',
        antidote: 'Appreciation: say one thing you value about them, and thank them.',
      },
      {
        name: 'Defensiveness',
        looksLike: '“It’s not my fault”, or blaming them back.',
        antidote: 'Own one part, even a small one: “You’re right that I…”.',
      },
      {
        name: 'Stonewalling',
        looksLike: 'Shutting down, going silent, turning away.',
        antidote: 'Calm your body: ask for a break, say when you’ll be back, and come back.',
      },
    ],
    antidoteLabel: 'What helps:',
    regret: 'What I regret',
    sorry: 'What I’m sorry for',
    willDo: 'One thing I will do',
    wouldLike: 'One thing I’d like from you',
    wouldLikeHint: 'A request, not a demand. They can accept it, adjust it or say no.',
    share: 'Share my part',
    emptyWarn: 'Write at least one thing first.',
    mineShared: 'Your part is shared.',
    theirs: (name: string) => `${name}’s part`,
    waiting: (name: string) => `Waiting for ${name}’s part…`,
    requestTitle: (name: string) => `${name} would like:`,
    accept: 'Yes, I can do that',
    adjust: 'Adjust it',
    decline: 'No, not this',
    declineHint: 'Saying no is allowed. You can say why out loud.',
    adjustLabel: 'What I can do instead',
    adjustSend: 'Send my version',
    cancel: 'Cancel',
    answered: 'You answered.',
    waitingAnswer: (name: string) => `Waiting for ${name} to answer your request…`,
  },

  summary: {
    title: 'What you did together',
    heardTitle: 'Needs heard',
    heardBy: (speaker: string, listener: string) => `${listener} heard ${speaker}:`,
    makesSense: 'It makes sense because',
    plansTitle: 'Agreements',
    regrets: (name: string) => `${name} regrets:`,
    sorry: (name: string) => `${name} is sorry for:`,
    willDo: (name: string) => `${name} will:`,
    asked: (name: string) => `${name} asked:`,
    accepted: (name: string) => `${name} said yes.`,
    adjusted: (name: string) => `${name} offered:`,
    declined: (name: string) => `${name} said no, for now.`,
    waitingAnswer: 'Not answered yet.',
    nothing: 'Nothing written.',
    ratingTitle: 'One last check-in: how activated are you now?',
    rated: (n: number) => `You said ${n}. Thank you.`,
    done: 'Back to normal',
    doneHint: 'This saves the summary to your history, on this phone only. You both tap it to finish.',
  },
};

export const historyCopy = {
  title: 'History',
  link: 'History',
  back: 'Back',
  lead: 'Your past pauses and talks. Kept only on this phone.',
  empty: 'Nothing here yet. After a pause, what you agreed will be kept here.',
  chartTitle: 'Activation before and after',
  chartLabel: (n: number, before: string, after: string) =>
    `Chart of ${n} ${n === 1 ? 'pause' : 'pauses'}. Latest: ${before} at the start of the break, ${after} at the end.`,
  chartBefore: 'Start of the break',
  chartAfter: 'At the end',
  noRating: 'not rated',
  breakLength: (d: string) => `Break ${d}`,
  talkLength: (d: string) => `talk ${d}`,
  ratings: 'Activation',
  endedEarly: 'Ended before the talk was finished.',
  heard: 'Needs heard',
  agreements: 'Agreements',
  delete: 'Delete',
  deleteLabel: (date: string) => `Delete the entry from ${date}`,
  deleteConfirm: 'Delete this entry from this phone?',
  deleteYes: 'Yes, delete',
  deleteNo: 'Keep it',
  deleted: 'Deleted.',
};
