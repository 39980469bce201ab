import { watchEffect } from 'vue';
import { prefetchBreak } from './break/lazy';
import { useE2eStore } from './crypto/couple';
import { linkManifest } from './lib/manifest-link';
import { createSocket } from './lib/socket';
import { registerServiceWorker } from './push/register';
import { startConversation } from './conversation/boot';
import type { useConnectionStore } from './stores/connection';
import { useCoupleStore } from './stores/couple';
import { useHeldStore } from './stores/held';

/**
 * Everything the first screen does not need to show itself, loaded after it: the Socket.IO client and
 * what talks through it. The listeners go on before the socket connects, so nothing sent on connect is
 * missed. Three tasks, not one, after the one that evaluates this chunk: each is short, so a tap on the
 * first screen never waits long for them. Nothing more starts once `leaving` says a quick exit has begun.
 */
export function startOnline(connection: ReturnType<typeof useConnectionStore>, leaving: () => boolean): void {
  inTurn(leaving, [
    () => {
      // End-to-end encryption: this phone's keys, publishing them, the couple key and the safety code.
      useE2eStore().start();
      useHeldStore().listen();
    },
    () => connection.start(createSocket()),
    () => {
      // Writes the local history when a pause ends, and fetches the reconnect flow during a break.
      startConversation();
      registerServiceWorker();
      linkManifest();
      // A paired phone fetches the break companion early, so a break works even if the network drops.
      const couple = useCoupleStore();
      watchEffect(() => {
        if (couple.paired) prefetchBreak();
      });
    },
  ]);
}

/**
 * Runs the steps in order, each in a task of its own; the first waits for a task too, so it does not
 * run on the end of the one that evaluated this chunk.
 */
function inTurn(leaving: () => boolean, steps: Array<() => void>): void {
  setTimeout(() => {
    const [step, ...rest] = steps;
    if (!step || leaving()) return;
    step();
    inTurn(leaving, rest);
  }, 0);
}
