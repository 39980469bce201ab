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
  unopenable:
    'This message can’t be opened on this phone. That can happen when a phone is set up again. When you are both calm, check that your safety codes match (in Settings).',
  notReady: 'Still setting up the private link with your partner’s phone. Try again in a moment.',
  insecure: {
    title: 'Open Breather securely',
    lead: 'Breather locks your words before they leave this phone, so only your partner’s phone can read them. Your browser can do that only on a safe address. This address is not one.',
    nothingSent: 'Nothing was sent from this page.',
    howTitle: 'What to do',
    steps: [
      'Ask the person who set up Breather for its address. It starts with https://.',
      'Open that address instead of this one.',
    ],
    /** For whoever runs the server; kept apart from the steps above. */
    adminTitle: 'For the person who runs Breather',
    admin:
      'Turn on HTTPS: start the server with TLS_CERT_FILE and TLS_KEY_FILE, or put it behind a proxy that serves HTTPS. On the server’s own computer, http://localhost works too.',
  },
} as const;
