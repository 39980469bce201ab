/**
 * Debian's Chromium and the flags every run here needs: no sandbox as root, and none of the
 * background traffic this machine's closed network would refuse. Shared by the browser tests and
 * the client benchmarks.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
