/**
 * Paced breathing, computed from a clock rather than counted by timers: a guide that is
 * re-rendered late (background tab, slow phone) still shows the right phase.
 */

export interface BreathPattern {
  inhaleMs: number;
  exhaleMs: number;
  /** Optional pause with full lungs. */
  holdInMs?: number;
  /** Optional pause with empty lungs. */
  holdOutMs?: number;
}

export type BreathPhaseName = 'in' | 'hold' | 'out';

export interface BreathState {
  phase: BreathPhaseName;
  /** 0 at the start of the phase, approaching 1 at its end. */
  progress: number;
  msLeftInPhase: number;
  /** Whole breaths completed since `startedAt`. */
  cycle: number;
  /** How full the lungs are, 0..1, eased so a circle drawn from it moves like a breath. */
  fullness: number;
}

export interface BreathPreset {
  id: string;
  pattern: BreathPattern;
}

/** About 6 breaths a minute with the exhale longer than the inhale: the pace that slows a racing heart. */
export const DEFAULT_PATTERN: BreathPattern = { inhaleMs: 4000, exhaleMs: 6000 };

/** Slower options for people whose 4/6 feels rushed; every one keeps the long exhale. */
export const BREATH_PRESETS: readonly BreathPreset[] = [
  { id: '4-6', pattern: DEFAULT_PATTERN },
  { id: '4-7', pattern: { inhaleMs: 4000, exhaleMs: 7000 } },
  { id: '5-7', pattern: { inhaleMs: 5000, exhaleMs: 7000 } },
];

export const DEFAULT_PRESET_ID = '4-6';

export function presetById(id: string | undefined): BreathPreset {
  return BREATH_PRESETS.find((p) => p.id === id) ?? (BREATH_PRESETS[0] as BreathPreset);
}

interface Segment {
  phase: BreathPhaseName;
  ms: number;
  /** Lung fullness at the start and end of the segment. */
  from: number;
  to: number;
}

function segments(pattern: BreathPattern): Segment[] {
  // A zero or negative length would divide by zero below; a 1 ms floor keeps the maths total.
  const all: Segment[] = [
    { phase: 'in', ms: Math.max(1, pattern.inhaleMs), from: 0, to: 1 },
    { phase: 'hold', ms: Math.max(0, pattern.holdInMs ?? 0), from: 1, to: 1 },
    { phase: 'out', ms: Math.max(1, pattern.exhaleMs), from: 1, to: 0 },
    { phase: 'hold', ms: Math.max(0, pattern.holdOutMs ?? 0), from: 0, to: 0 },
  ];
  return all.filter((s) => s.ms > 0);
}

export function cycleMs(pattern: BreathPattern): number {
  return segments(pattern).reduce((sum, s) => sum + s.ms, 0);
}

export function breathsPerMinute(pattern: BreathPattern): number {
  return 60_000 / cycleMs(pattern);
}

/** Whole seconds left in the phase, as a person would count them: 4, 3, 2, 1. */
export function secondsLeft(state: BreathState): number {
  return Math.max(1, Math.ceil(state.msLeftInPhase / 1000));
}

/** Where a breath started at `startedAt` is at `now`. A `now` before the start reads as the very start. */
export function breathPhase(pattern: BreathPattern, startedAt: number, now: number): BreathState {
  const segs = segments(pattern);
  const total = cycleMs(pattern);
  const elapsed = Math.max(0, now - startedAt);
  const cycle = Math.floor(elapsed / total);
  let t = elapsed - cycle * total;
  for (const seg of segs) {
    if (t < seg.ms) {
      const progress = t / seg.ms;
      const eased = (1 - Math.cos(Math.PI * progress)) / 2;
      return {
        phase: seg.phase,
        progress,
        msLeftInPhase: seg.ms - t,
        cycle,
        fullness: seg.from + (seg.to - seg.from) * eased,
      };
    }
    t -= seg.ms;
  }
  // Floating-point remainders can land exactly on the cycle end; that instant is the next inhale.
  return { phase: 'in', progress: 0, msLeftInPhase: segs[0]?.ms ?? 0, cycle: cycle + 1, fullness: 0 };
}
