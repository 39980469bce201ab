/** Words for notifications: calm, optional, no pressure. */
export const pushCopy = {
  title: 'Gentle notices',
  ask: 'Get a gentle notice when a break starts or ends?',
  explain: 'Your phone shows “Your partner is taking a break” or “Time to check in”. Never names, never anything you wrote.',
  yes: 'Yes, notify me',
  notNow: 'Not now',
  on: 'Notices are on for this phone.',
  turnOff: 'Turn notices off',
  off: 'Notices are off. While Breather is open it still buzzes and shows every change.',
  turnOn: 'Turn notices on',
  iphone: 'On iPhone, notices work once Breather is on your Home Screen: tap Share, then “Add to Home Screen”, and open it from there.',
  denied: 'Notices are blocked for Breather in this browser’s settings. That’s fine: while the app is open it still buzzes and shows every change.',
  unsupported: 'This browser can’t show notices. While Breather is open it still buzzes and shows every change.',
  failed: 'Notices could not be turned on right now. Try again later.',
  offline: 'You’re offline. Try again when you’re connected.',
} as const;
