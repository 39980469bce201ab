import { watchEffect } from 'vue';
import { startHistoryRecorder } from '../history/recorder';
import { usePauseStore } from '../stores/pause';
import { prefetchReconnect } from './lazy';

/** Small, always-loaded parts of the reconnect: the history recorder, and fetching the flow during a break. */
export function startReconnect(): void {
  startHistoryRecorder();
  const pause = usePauseStore();
  watchEffect(() => {
    if (pause.phase !== 'calm') prefetchReconnect();
  });
}
