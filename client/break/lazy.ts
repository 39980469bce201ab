import { defineAsyncComponent, h } from 'vue';
import { copy } from '../content/copy';

/**
 * The break companion, the held-message writer and the ways to add time are loaded apart from the first screen, and
 * fetched in the background as soon as the phone is paired, so they are already here, offline too,
 * by the time a break starts.
 */
const loadCompanion = () => import('./BreakCompanion.vue');
const loadWriter = () => import('../held/HeldWriter.vue');
const loadEarlyEnd = () => import('./EarlyEnd.vue');
const loadExtendChoices = () => import('../components/ExtendChoices.vue');

const RETRY_MS = 3000;
const MAX_RETRIES = 100;

/** Until the code arrives (only if a break starts before the prefetch finished), the one thing that always helps. */
const Fallback = {
  name: 'BreakFallback',
  render: () => h('p', { class: 'lead-fallback', role: 'status' }, copy.paused.mineLead),
};

function lazy<T>(loader: () => Promise<T>) {
  return defineAsyncComponent({
    loader: loader as () => Promise<never>,
    loadingComponent: Fallback,
    errorComponent: Fallback,
    delay: 0,
    // Offline at the wrong moment: keep trying quietly until the network comes back.
    onError: (_err, retry, fail, attempts) => (attempts <= MAX_RETRIES ? setTimeout(retry, RETRY_MS) : fail()),
  });
}

export const BreakCompanion = lazy(loadCompanion);
export const HeldWriter = lazy(loadWriter);
export const EarlyEnd = lazy(loadEarlyEnd);
export const ExtendChoices = lazy(loadExtendChoices);

let prefetched = false;
export function prefetchBreak(): void {
  if (prefetched) return;
  prefetched = true;
  Promise.all([loadCompanion(), loadWriter(), loadEarlyEnd(), loadExtendChoices()]).catch(() => {
    prefetched = false;
  });
}
