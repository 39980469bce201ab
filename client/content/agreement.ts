import type { PromiseId } from '../../shared/agreement/rules';

/** The break agreement. Loaded with the agreement screen only. */
export const agreementCopy = {
  title: 'Our break agreement',
  lead: 'Make it together, while you are both calm. Both phones show the same agreement.',
  promisesTitle: 'We both promise',
  promises: {
    'either-can-pause': 'Either of us can pause, any time we feel activated.',
    'no-pursuit': 'When one of us pauses, the other will not follow, call or text about the fight.',
    'pauser-returns': 'Whoever pauses comes back by the time they said.',
  } satisfies Record<PromiseId, string>,
  activatedMeans: '“Activated” means so upset that your heart races and it is hard to think or listen.',
  floodedMeans: '“Flooded” means so upset that you can’t think straight or really listen.',
  mineTitle: 'Your part',
  theirsTitle: (name: string) => `${name}’s part`,
  theirLength: (minutes: string) => `Usual break: ${minutes}`,
  theirMessage: 'Their message when they pause:',
  opening: 'Opening their message…',
  timeSlot: '(time)',
  accept: 'We agree',
  tooShort: (minutes: number) =>
    `A usual break is at least ${minutes} minutes. The body needs about that long to settle.`,
  changeNote: (name: string) => `If you change your part, ${name} will be asked to agree again.`,
  status: {
    'needs-both': 'Read both parts, then tap “We agree”.',
    'needs-me': (name: string) => `${name} agreed. Read it, then tap “We agree” too.`,
    'needs-partner': (name: string) => `You agreed. Waiting for ${name} to agree on their phone.`,
    agreed: 'You both agreed.',
  },
  changedByPartner: (name: string) => `${name} changed their part. Read it again, then tap “We agree”.`,
  lengthLegend: 'How long is your usual break?',
  customLabel: 'Other length, in minutes',
  customHint: 'From 20 minutes to 24 hours (1440). The body needs about 20 minutes to settle.',
  reassuranceLabel: 'What your partner sees when you pause',
  reassuranceHint: 'Where it says {time}, your partner will see the time you’ll be back.',
  withdrawLegend: 'In a fight, do you tend to go quiet?',
  withdrawHint: 'Optional. It helps decide who speaks first later.',
  yes: 'Yes',
  no: 'No',
  saved: 'Saved.',
};
