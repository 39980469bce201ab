/** The safety link and quick exit, on every screen: apart from the safety page's words, which load with it. */
export const safetyLinkCopy = {
  link: 'Safety',
  linkLabel: 'Safety and help',

  quickExit: 'Quick exit',
  quickExitLabel: 'Quick exit: leave this app now (or press Escape twice)',
  /** The neutral page quick exit goes to: same site, nothing about this app. */
  exitTo: '/weather.html',
};
