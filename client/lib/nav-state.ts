import { computed, type ComputedRef } from 'vue';
import { useCoupleStore } from '../stores/couple';
import { usePauseStore } from '../stores/pause';
import type { NavState } from './screen';

/** The stores' answer to what decides the screen (lib/screen.ts), kept up to date. */
export function useNavState(): ComputedRef<NavState> {
  const couple = useCoupleStore();
  const pause = usePauseStore();
  return computed(() => ({
    linked: couple.linked,
    paired: couple.paired,
    agreed: couple.agreed,
    phase: pause.phase,
  }));
}
