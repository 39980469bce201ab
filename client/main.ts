import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { registerServiceWorker } from './push/register';
import { useE2eStore } from './crypto/couple';
import { startReconnect } from './reconnect/boot';
import { createAppRouter } from './router';
import { useConnectionStore } from './stores/connection';
import { useCoupleStore } from './stores/couple';
import { useHeldStore } from './stores/held';
import { usePauseStore } from './stores/pause';
import './styles/base.css';
import './styles/controls.css';
import { bounceAfterQuickExit, installQuickExit, onQuickExit } from './safety/quick-exit';

// Back into the app after a quick exit: on to the neutral page, and nothing below runs (no render, no socket).
if (bounceAfterQuickExit()) await new Promise<never>(() => {});

const app = createApp(App);
const pinia = createPinia();
installQuickExit(app, pinia);
app.use(pinia);

const connection = useConnectionStore();
onQuickExit(() => connection.socket.disconnect());
const couple = useCoupleStore();
const pause = usePauseStore();
// The cached snapshot first, so the first screen is the right one even offline.
couple.start();
pause.listen();

app.use(
  createAppRouter(() => ({
    linked: couple.linked,
    paired: couple.paired,
    agreed: couple.agreed,
    calm: pause.phase === 'calm',
  })),
);
app.mount('#app');

// The rest in a task of its own, so the first paint does not wait behind it on a slow phone.
setTimeout(() => {
  // End-to-end encryption: this phone's keys, publishing them, the couple key and the safety code.
  useE2eStore().start();
  useHeldStore().listen();
  connection.start();
  // Writes the local history when a pause ends, and fetches the reconnect flow during a break.
  startReconnect();
  registerServiceWorker();
}, 0);
