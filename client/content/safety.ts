/**
 * Words for the safety features: quick exit, the safety page, export and delete everything.
 * Plain and calm; nothing here names the partner.
 */

export interface Hotline {
  /** Where it works. */
  region: string;
  name: string;
  /** As shown. */
  number: string;
  /** What the `tel:` link dials: the national form, since these free lines work only inside their country. */
  dial: string;
  note?: string;
}

/** Well-known national lines, as examples. Numbers change and differ by country: the page says so. */
export const HOTLINES: readonly Hotline[] = [
  {
    region: 'United States',
    name: '988 Suicide & Crisis Lifeline',
    number: '988',
    dial: '988',
    note: 'Call or text, 24/7.',
  },
  {
    region: 'United States',
    name: 'National Domestic Violence Hotline',
    number: '1-800-799-7233',
    dial: '18007997233',
    note: '24/7. You can also text START to 88788.',
  },
  {
    region: 'United Kingdom',
    name: 'National Domestic Abuse Helpline (Refuge)',
    number: '0808 2000 247',
    dial: '08082000247',
    note: 'Free, 24/7.',
  },
  { region: 'UK and Ireland', name: 'Samaritans', number: '116 123', dial: '116123', note: 'Free, 24/7.' },
  {
    region: 'Australia',
    name: '1800RESPECT (sexual, domestic and family violence)',
    number: '1800 737 732',
    dial: '1800737732',
    note: '24/7.',
  },
];

export const EMERGENCY_NUMBERS: readonly { region: string; number: string }[] = [
  { region: 'United States and Canada', number: '911' },
  { region: 'Europe (and many other countries)', number: '112' },
  { region: 'United Kingdom', number: '999' },
  { region: 'Australia', number: '000' },
];

export const safetyCopy = {
  title: 'Safety and help',
  back: 'Back',
  notForTitle: 'This app is not for relationships with violence or fear',
  notFor:
    'Breather helps two people who feel safe with each other take a break from an argument. ' +
    'If your partner hurts you, threatens you, controls you or makes you afraid, a pause button will not fix that, ' +
    'and it is not your fault. Please talk to someone trained to help.',
  dangerTitle: 'If you are in danger now',
  danger: 'Call your local emergency number. Go somewhere safe, near other people, if you can.',
  emergencyTitle: 'Emergency numbers',
  linesTitle: 'Crisis and domestic-violence lines',
  linesNote: 'These are examples. Numbers differ by country and can change: check the right one for where you are.',
  unsafeTitle: 'If you feel unsafe',
  unsafe: [
    'Quick exit (bottom corner, or press Escape twice) leaves this app at once and shows a weather page.',
    'Someone who can hold your phone can open this app. Keep your phone locked.',
    'Unpairing (unlinking your two phones) is instant, but your partner’s phone will show that it is no longer linked. If that could put you at risk, talk to a helpline first.',
    'Delete everything (on this page and in Settings) removes what this app keeps about you, on this phone and on our server.',
  ],
  callLabel: (name: string, number: string) => `Call ${name}: ${number}`,

  dataTitle: 'Your data',
  exportButton: 'Export my data',
  exportHint: 'Downloads a file with what you wrote on this phone. Nothing your partner wrote is in it.',
  exportDone: 'Your file is downloading.',
  exportFailed: 'The file could not be made. Try again.',
  deleteButton: 'Delete everything',
  deleteLead:
    'This deletes everything Breather keeps about you: on this phone (notes, messages, history, settings) and on our server. ' +
    'Your partner’s phone will show that it is not linked. This cannot be undone.',
  deleteConfirm: 'Yes, delete everything',
  deleteLocalOnly: 'Delete from this phone only',
  deleteOfflineHint: 'Without a connection the server cannot be told. You can still clear this phone now.',
  deleting: 'Deleting…',
  cancel: 'Cancel',

  /** Asked once before linking, and again any time in Settings. The answer is never saved or sent. */
  screening: {
    title: 'One question first',
    lead: 'Only you see this. Your answer stays on this phone.',
    againTitle: 'A private question',
    againLead: 'Only you see this. Your answer is not saved and not sent.',
    question: 'Do you ever feel afraid of your partner?',
    no: 'No',
    yes: 'Yes',
    unsure: 'I’m not sure',
    thanks: 'Thank you. You can come back to this question any time.',
    back: 'Back',
  },
  /** At the top of the safety page after a "yes" (or "not sure"). */
  afraidTitle: 'Breather is not made for this',
  afraid:
    'This app is for two people who feel safe with each other. If you are afraid of your partner, a pause button cannot keep you safe. ' +
    'It is not your fault. You do not need to link your phones. The people below can help, and you can call them in private.',
} as const;
