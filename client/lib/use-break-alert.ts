import { onBeforeUnmount, watch } from 'vue';
import { copy } from '../content/copy';
import { usePauseStore } from '../stores/pause';

/**
 * A small buzz when the partner starts a break, and a title a background tab can show.
 * The first state after opening the app is not news: the screen already says it.
 */
export function useBreakAlert(): void {
  const pause = usePauseStore();

  watch(
    () => (pause.partnerPause ? `${pause.pause?.id}:${pause.partnerPause.startedAt}` : null),
    (key, before) => {
      if (!key || before !== null) return;
      navigator.vibrate?.(200);
      if (document.hidden) document.title = copy.breakStartedTitle;
    },
  );

  const restoreTitle = () => {
    if (!document.hidden) document.title = copy.pageTitle;
  };
  document.addEventListener('visibilitychange', restoreTitle);
  onBeforeUnmount(() => document.removeEventListener('visibilitychange', restoreTitle));
}
