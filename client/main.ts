import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createAppRouter } from './router';
import { useConnectionStore } from './stores/connection';
import { useCoupleStore } from './stores/couple';
import { useHeldStore } from './stores/held';
import { usePauseStore } from './stores/pause';
import './styles/base.css';
import './styles/controls.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);

const connection = useConnectionStore();
const couple = useCoupleStore();
const pause = usePauseStore();
couple.start();
pause.listen();
useHeldStore().listen();
connection.start();

app.use(
  createAppRouter(() => ({
    linked: couple.linked,
    paired: couple.paired,
    agreed: couple.agreed,
    calm: pause.phase === 'calm',
  })),
);
app.mount('#app');
