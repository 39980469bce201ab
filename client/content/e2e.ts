/** Words for end-to-end encryption: the safety code, unopenable messages, and opening the app securely. */
export const e2eCopy = {
  safety: {
    title: 'Safety code',
    compare: 'Compare this with your partner’s screen.',
    explain:
      'Your words are locked on this phone and can only be opened on your partner’s phone. If both phones show the same code, nobody in between can read them.',
    waiting: 'Setting up a private link with your partner’s phone…',
    failed: 'This phone could not set up a private link. Reload the page to try again.',
    label: (code: string) => `Safety code: ${code.split('').join(' ')}`,
  },
  /**
   * Shown in place of content whose encryption check failed. Said without alarm (a phone set up again
   * is the usual cause), with the one thing to do: compare safety codes, later, when calm.
   */
  unopenable: 'This message can’t be opened on this phone. That can happen when a phone is set up again. When you are both calm, check that your safety codes match (in Settings).',
  notReady: 'Still setting up the private link with your partner’s phone. Try again in a moment.',
  insecure: {
    title: 'Open Breather securely',
    lead: 'Breather locks your words on this phone before they are sent, so only your partner’s phone can read them. Your browser allows that only on a secure address, and this one is not.',
    nothingSent: 'Nothing has been sent from this page.',
    howTitle: 'How to open it securely',
    steps: [
      'Open the address that starts with https:// (ask whoever set Breather up for it).',
      'If you run Breather yourself: start the server with TLS_CERT_FILE and TLS_KEY_FILE set to a certificate and its key, or put it behind a reverse proxy that serves HTTPS.',
      'On the computer that runs the server, http://localhost also works.',
    ],
  },
} as const;
