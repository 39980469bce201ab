/**
 * Every sentence the app shows. Read at the worst moment of someone's day:
 * short, plain, no blame, nothing that sounds like a verdict.
 */

/** "20 min", "1 h", "1 h 30 min". */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export const copy = {
  appName: 'Breather',
  pageTitle: 'Breather',
  breakStartedTitle: 'Break started · Breather',

  connection: {
    connected: 'Connected',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
    unavailable: 'Can’t reach the server. Your pause stays safe on this phone.',
    label: 'Connection',
  },

  welcome: {
    lead: 'A pause button for two.',
    status: 'This phone is not linked.',
    create: 'Link with my partner',
    join: 'I have a code',
    how: 'One of you makes a code. The other types it in.',
  },

  linkedWith: (name: string) => `Linked with ${name}`,

  /** The calm home screen while the agreement is not accepted by both: it explains, and pausing still works. */
  agreementMissing: {
    title: {
      'needs-both': 'Make your break agreement',
      'needs-me': 'Your break agreement needs you',
      'needs-partner': 'Almost there',
    },
    body: {
      'needs-both': 'Agree together, while you are calm, on what happens when one of you pauses.',
      'needs-me': (name: string) =>
        `${name} agreed to something new. Read it and tap “We agree”, so you both know what a pause means.`,
      'needs-partner': (name: string) => `You agreed. ${name} has not agreed yet. Their phone will ask them.`,
    },
    open: 'Open our agreement',
    pauseAnyway: 'Need a break right now? Pausing works anyway.',
  },

  home: {
    pause: 'I’m activated, pausing',
    pauseSub: (minutes: number) => `Takes a ${duration(minutes)} break`,
    otherLength: 'Pause for another length',
    hideOtherLength: 'Hide other lengths',
    otherLengthLegend: 'Choose how long',
    queued: 'Pausing… (will send when back online)',
    settings: 'Settings',
    history: 'History',
  },

  paused: {
    mineTitle: 'You’re taking a break',
    mineLead: 'Breathe slowly. In for 4, out for 6.',
    backAt: (time: string) => `Back at ${time}`,
    left: 'left',
    calmNow: 'I’m calm now',
    extend: 'Extend',
    extendBy: (minutes: number) => `+${duration(minutes)}`,
    partnerTitle: (name: string) => `${name} is taking a break to calm down.`,
    partnerBack: (time: string, minutes: number) => `Back at ${time} (in ${duration(minutes)}).`,
    partnerNotLeaving: 'This is a pause, not leaving.',
    partnerSays: (name: string) => `${name}’s message`,
    partnerCare: 'Use the time to calm your own body. Breathe slowly, drink some water.',
    alsoPausing: (name: string, time: string) => `${name} is taking a break too. Back at ${time}.`,
    pauseToo: 'I need a pause too',
    offline: 'No connection right now. The timer and everything below still work.',
    /** The partner's phone has put this person's message on screen (nothing more is known, or shown). */
    shownOnPartner: (name: string) => `Your message is on ${name}’s phone.`,
    /** Every change to a break shows on the partner's phone as one line. */
    extendedLine: (name: string, added: string, time: string) => `${name} added ${added}. Back at ${time}.`,
    extendedTomorrow: (name: string, time: string) => `${name} moved the break to tomorrow. Back at ${time}.`,
    moreTime: 'Add more time',
    tomorrow: 'Tomorrow',
    tomorrowLabel: 'Back at',
    /** The picked time is the next time the clock reads it: after midnight, that is still "today". */
    tomorrowSet: (time: string, tomorrow: boolean) => `Back ${tomorrow ? 'tomorrow' : 'today'} at ${time}`,
    tomorrowTooLate: (time: string) => `That is more than a day after the break began. The latest is ${time}.`,
    cancel: 'Cancel',
    /** The ladder has no rung left: why no more time can be added. */
    capReached:
      'A break can’t go on past a day from when it began, so no more time can be added. It is time to talk, or to agree together on a time to talk.',
  },

  /** While the partner is on a break, or not ready yet: something to do meanwhile. */
  waiting: {
    whatToDo: 'Meanwhile, look after your own body: slow breaths, some water, a short walk. No need to text or follow.',
    openTools: 'Open my break tools',
  },

  checkin: {
    title: 'Ready to reconnect?',
    lead: 'Check in with your body first. If you still feel flooded, take more time.',
    ready: 'I’m ready',
    more: 'I need more time',
    moreLegend: 'How much more?',
    moreSuggested: 'A kind choice right now.',
    waitingTitle: 'You’re ready.',
    waiting: (name: string) => `Waiting for ${name}…`,
    /** Why the break ended before its time, on the partner's phone. */
    partnerCalm: (name: string) => `${name} feels calm now and is ready to talk.`,
  },

  conversation: {
    title: 'You’re both ready.',
    lead: 'Speak gently, one at a time. Start with what you felt and what you need.',
    done: 'Back to normal',
  },
} as const;
