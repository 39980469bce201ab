import { computed, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useNavState } from './nav-state';
import { breakPullsHome, screenFor } from './screen';

/** Moves the screen when the state changes underneath it: linked, unpaired, or a break began. */
export function useStateRedirects(): void {
  const route = useRoute();
  const router = useRouter();
  const nav = useNavState();

  const target = computed(() => screenFor(route.path, nav.value).redirect);
  watch(target, (to) => {
    if (to) void router.replace(to);
  });
  watch(
    () => nav.value.phase,
    (phase, before) => {
      if (breakPullsHome(route.path, before, phase)) void router.push('/');
    },
  );
}
