/**
 * The author's review of their notes from a break, at reconnect. Nothing was sent on its own: the
 * person now chooses, one note at a time, calmly and with no rush.
 */
export const heldReviewCopy = {
  title: 'Your notes from the break',
  partner: 'your partner',
  lead: (name: string) =>
    `Only you can see these. For each one, choose: send it to ${name}, change it first, or delete it.`,
  noRush: 'No rush. They stay here until you decide.',
  send: (name: string) => `Send to ${name}`,
  sending: 'Sending as soon as you’re online…',
  sent: (name: string) => `Sent to ${name}.`,
  change: 'Change it',
  editLabel: 'Your note',
  save: 'Save changes',
  cancel: 'Cancel',
  discard: 'Delete',
  discardConfirm: 'Delete this note? It will not be sent.',
  discardYes: 'Yes, delete',
  discardNo: 'Keep it',
  stuck: (reason: string) => `Not sent: ${reason}`,
};
