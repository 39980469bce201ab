import { defineAsyncComponent, h } from 'vue';
import { copy } from '../content/copy';

/**
 * The reconnect conversation is loaded apart from the first screen, and fetched in the background
 * while a break runs, so it is already here (offline too) when both are ready.
 */
const loadFlow = () => import('./ConversationFlow.vue');

const RETRY_MS = 3000;
const MAX_RETRIES = 100;

const Fallback = {
  name: 'ConversationFallback',
  render: () => h('p', { class: 'lead-fallback', role: 'status' }, copy.conversation.lead),
};

export const ConversationFlow = defineAsyncComponent({
  loader: loadFlow as () => Promise<never>,
  loadingComponent: Fallback,
  errorComponent: Fallback,
  delay: 0,
  onError: (_err, retry, fail, attempts) => (attempts <= MAX_RETRIES ? setTimeout(retry, RETRY_MS) : fail()),
});

let prefetched = false;
export function prefetchConversation(): void {
  if (prefetched) return;
  prefetched = true;
  loadFlow().catch(() => {
    prefetched = false;
  });
}
