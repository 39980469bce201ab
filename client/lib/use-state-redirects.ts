import { computed, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useCoupleStore } from '../stores/couple';
import { usePauseStore } from '../stores/pause';
import { redirectFor } from './redirect';

/** Moves the screen when the state changes underneath it: linked, unpaired, or a break began. */
export function useStateRedirects(): void {
  const route = useRoute();
  const router = useRouter();
  const couple = useCoupleStore();
  const pause = usePauseStore();

  const target = computed(() =>
    redirectFor(route.path, {
      linked: couple.linked,
      paired: couple.paired,
      agreed: couple.agreed,
      calm: pause.phase === 'calm',
    }),
  );
  watch(target, (to) => {
    if (to) void router.replace(to);
  });
  watch(
    () => pause.phase,
    (phase, before) => {
      // Except from the safety page: someone reading it is not pulled away mid-sentence.
      if (phase !== 'calm' && before === 'calm' && route.path !== '/' && route.path !== '/safety')
        void router.push('/');
    },
  );
}
