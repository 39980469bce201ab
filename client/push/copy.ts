/** Words for notifications: calm, optional, no pressure. */
export const pushCopy = {
  title: 'Gentle notices',
  ask: 'Get a gentle notice when a break starts or ends?',
  explain:
    'Your phone shows “Your partner is taking a break” or “Time to check in”. Never names, never anything you wrote.',
  yes: 'Yes, notify me',
  notNow: 'Not now',
  on: 'Notices are on for this phone.',
  turnOff: 'Turn notices off',
  off: 'Notices are off. While Breather is open it still buzzes and shows every change.',
  turnOn: 'Turn notices on',
  iphone:
    'On iPhone, notices work once Breather is on your Home Screen: tap Share, then “Add to Home Screen”, and open it from there.',
  denied:
    'Notices are blocked for Breather in this browser. To change that, tap the lock or the small icon next to the address, open the site settings and allow notifications. ' +
    'On an installed app, look in your phone’s settings for Breather. While the app is open, it still buzzes and shows every change.',
  /** Right after "Yes, notify me", when the browser said no. */
  refused: 'Your browser said no to notices, so they are off.',
  /** The browser's question was closed without an answer. */
  notChosen: 'Notices are still off: the browser’s question was closed. You can try again here or in Settings.',
  gotIt: 'OK',
  unsupported: 'This browser can’t show notices. While Breather is open it still buzzes and shows every change.',
  failed: 'Notices could not be turned on right now. Try again later.',
  offline: 'You’re offline. Try again when you’re connected.',
} as const;
