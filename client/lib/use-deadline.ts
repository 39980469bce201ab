import { computed } from 'vue';
import { formatClockTime, formatCountdown, minutesLeft } from '../../shared/time/format';
import { remainingMs } from '../../shared/time/offset';
import { useConnectionStore } from '../stores/connection';

/** A server-time deadline as this phone should show it: corrected by the measured clock offset. */
export function useDeadline(endsAt: () => number | undefined) {
  const conn = useConnectionStore();
  const remaining = computed(() => {
    const at = endsAt();
    return at === undefined ? 0 : remainingMs(at, conn.localNow, conn.offsetMs);
  });
  return {
    remaining,
    countdown: computed(() => formatCountdown(remaining.value)),
    minutes: computed(() => minutesLeft(remaining.value)),
    // The moment the server reaches the deadline, on this phone's own clock.
    backAt: computed(() => {
      const at = endsAt();
      return at === undefined ? '' : formatClockTime(at - conn.offsetMs);
    }),
  };
}
