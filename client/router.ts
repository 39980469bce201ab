import { createRouter, createWebHistory, type Router } from 'vue-router';
import { screenFor, type NavState } from './lib/screen';
import HomeScreen from './screens/HomeScreen.vue';

/**
 * The safety page loads right after the first paint (see `boot`), so it is in memory before anyone
 * taps it, and the service worker keeps it for offline use.
 */
export const loadSafetyScreen = () => import('./safety/SafetyScreen.vue');

export function createAppRouter(state: () => NavState): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      // Home and the break screens are in the main bundle: they must open instantly, even offline.
      { path: '/', component: HomeScreen },
      { path: '/create', component: () => import('./screens/CreateScreen.vue') },
      { path: '/join', component: () => import('./screens/JoinScreen.vue') },
      { path: '/agreement', component: () => import('./screens/AgreementScreen.vue') },
      { path: '/settings', component: () => import('./screens/SettingsScreen.vue') },
      { path: '/history', component: () => import('./history/HistoryScreen.vue') },
      { path: '/safety', component: loadSafetyScreen },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  });
  router.beforeEach((to) => screenFor(to.path, state()).redirect ?? true);
  return router;
}
