/** Linking two phones: making a code and typing it. Loaded with those screens only. */
export const createCopy = {
  title: 'Link with your partner',
  nameLabel: 'Your first name',
  nameHint: "This is what your partner's phone will call you.",
  submit: 'Make a code',
  codeTitle: 'Show this to your partner',
  codeSteps:
    'On their phone, open Breather, tap “I have a code” and type this code. Or scan the square with their camera.',
  codeLabel: 'Your code',
  qrLabel: 'QR code that opens the linking page',
  waiting: 'Waiting for your partner…',
  expiresIn: (minutes: number) => `The code works for ${minutes} more min.`,
  expired: 'This code has expired.',
  expiredHint: 'Codes last 10 minutes. Make a new one when you are both ready.',
  newCode: 'New code',
  cancel: 'Cancel',
  back: 'Back',
};

export const joinCopy = {
  title: 'Type the code',
  tokenTitle: 'Link with your partner',
  tokenLead: 'Your partner sent you here with their code.',
  codeLabel: 'Code from your partner’s phone',
  codeHint: '8 letters and numbers. Small letters and no dash are fine.',
  codeLooksLike: (formatted: string) => `Reads as ${formatted}`,
  codeNotYet: 'That does not look like a full code yet.',
  nameLabel: 'Your first name',
  nameHint: "This is what your partner's phone will call you.",
  submit: 'Link',
  back: 'Back',
};
