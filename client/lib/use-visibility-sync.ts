import { onBeforeUnmount } from 'vue';
import { useConnectionStore } from '../stores/connection';
import { useCoupleStore } from '../stores/couple';
import { usePauseStore } from '../stores/pause';

/** Phones suspend background tabs: on coming back, re-measure the clock and re-read the state. */
export function useVisibilitySync(): void {
  const conn = useConnectionStore();
  const couple = useCoupleStore();
  const pause = usePauseStore();

  const onVisible = () => {
    if (document.visibilityState !== 'visible' || !conn.connected) return;
    void conn.syncClock();
    void couple.refresh();
    void pause.flushQueue();
  };
  document.addEventListener('visibilitychange', onVisible);
  onBeforeUnmount(() => document.removeEventListener('visibilitychange', onVisible));
}
