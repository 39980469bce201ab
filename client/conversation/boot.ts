import { watchEffect } from 'vue';
import { startHistoryRecorder } from '../history/recorder';
import { usePauseStore } from '../stores/pause';
import { prefetchConversation } from './lazy';

/** Small, always-loaded parts of the reconnect: the history recorder, and fetching the flow during a break. */
export function startConversation(): void {
  startHistoryRecorder();
  const pause = usePauseStore();
  watchEffect(() => {
    if (pause.phase !== 'calm') prefetchConversation();
  });
}
