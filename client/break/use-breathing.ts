import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { breathPhase, secondsLeft, type BreathPattern, type BreathPhaseName } from '../../shared/break/breathing';

/**
 * Samples the pure breathing function on the animation clock. Nothing is counted: each frame asks
 * "where are we now?", so a late frame or a throttled tab never drifts out of step.
 *
 * `smooth: false` (reduced motion) samples once per second of the count instead of every frame.
 */
export function useBreathing(
  pattern: Ref<BreathPattern>,
  smooth: Ref<boolean>,
  onPhaseChange: (phase: BreathPhaseName) => void,
) {
  // performance.now() is monotonic: a system clock change mid-breath cannot make the circle jump.
  let startedAt = performance.now();
  const phase = ref<BreathPhaseName>('in');
  const seconds = ref(0);
  const fullness = ref(0);
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function sample(): number {
    const state = breathPhase(pattern.value, startedAt, performance.now());
    if (state.phase !== phase.value) onPhaseChange(state.phase);
    phase.value = state.phase;
    seconds.value = secondsLeft(state);
    fullness.value = state.fullness;
    return state.msLeftInPhase;
  }

  function stop() {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  }

  function onFrame() {
    sample();
    frame = requestAnimationFrame(onFrame);
  }

  function onSecond() {
    const msLeft = sample();
    // Wake just after the count ticks over, measured from the clock, not from the last wake-up.
    timer = setTimeout(onSecond, (msLeft % 1000) + 20);
  }

  function start() {
    stop();
    if (smooth.value) onFrame();
    else onSecond();
  }

  // A new pace starts a fresh breath: switching mid-exhale to a different rhythm would feel like a stumble.
  watch(pattern, () => {
    startedAt = performance.now();
    start();
  });
  watch(smooth, start);
  start();
  onScopeDispose(stop);

  return { phase, seconds, fullness };
}
