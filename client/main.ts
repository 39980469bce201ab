import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { useNavState } from './lib/nav-state';
import { createAppRouter, loadSafetyScreen } from './router';
import { bounceAfterQuickExit, installQuickExit, onQuickExit } from './safety/quick-exit';
import { useConnectionStore } from './stores/connection';
import { useCoupleStore } from './stores/couple';
import { usePauseStore } from './stores/pause';
import './styles/base.css';
import './styles/controls.css';

/**
 * Starts the app, in this order:
 * 1. after a quick exit, Back into the app goes on to the neutral page, and nothing else runs;
 * 2. the stores, from what this phone saved (the cached snapshot, a queued pause), so the first screen
 *    is the right one even offline, and a pause tapped before the socket exists waits in the queue;
 * 3. the first screen;
 * 4. once it is painted, the rest (client/online.ts): the socket, encryption, held messages, the
 *    reconnect flow, the service worker. It is a separate download, so the first screen never waits for it.
 */
function boot(): void {
  if (bounceAfterQuickExit()) return;

  const app = createApp(App);
  const pinia = createPinia();
  installQuickExit(app, pinia);
  app.use(pinia);

  const connection = useConnectionStore();
  const couple = useCoupleStore();
  const pause = usePauseStore();
  couple.start();
  pause.listen();
  let leaving = false;
  onQuickExit(() => {
    leaving = true;
    connection.stop();
  });

  const nav = useNavState();
  app.use(createAppRouter(() => nav.value));
  app.mount('#app');

  afterNextPaint(() => {
    // Safety and help must open without a network, before pairing too: fetched at once.
    void loadSafetyScreen();
    void import('./online').then(({ startOnline }) => startOnline(connection, () => leaving));
  });
}

/**
 * Runs `task` once the frame being built now is painted. A bare timeout can run first, and then the
 * downloads it starts share the network with the first screen. A hidden page paints no frames: there
 * it runs at once.
 */
function afterNextPaint(task: () => void): void {
  if (document.visibilityState === 'hidden') setTimeout(task, 0);
  else requestAnimationFrame(() => setTimeout(task, 0));
}

boot();
