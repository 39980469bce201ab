import { describe, expect, test } from 'vitest';
import {
  BREATH_PRESETS,
  DEFAULT_PATTERN,
  breathPhase,
  breathsPerMinute,
  cycleMs,
  presetById,
  secondsLeft,
  type BreathPattern,
} from '../../shared/break/breathing.js';

const T0 = 1_000_000;
const at = (pattern: BreathPattern, ms: number) => breathPhase(pattern, T0, T0 + ms);

describe('default pattern', () => {
  test('is about 6 breaths a minute with the exhale longer than the inhale', () => {
    expect(breathsPerMinute(DEFAULT_PATTERN)).toBe(6);
    expect(DEFAULT_PATTERN.exhaleMs).toBeGreaterThan(DEFAULT_PATTERN.inhaleMs);
  });

  test('every preset keeps the long exhale and stays near 6 a minute', () => {
    for (const { pattern } of BREATH_PRESETS) {
      expect(pattern.exhaleMs).toBeGreaterThan(pattern.inhaleMs);
      expect(breathsPerMinute(pattern)).toBeGreaterThanOrEqual(4.5);
      expect(breathsPerMinute(pattern)).toBeLessThanOrEqual(6);
    }
  });

  test('unknown preset ids fall back to the default', () => {
    expect(presetById('nope').pattern).toEqual(DEFAULT_PATTERN);
    expect(presetById(undefined).pattern).toEqual(DEFAULT_PATTERN);
    expect(presetById('5-7').pattern).toEqual({ inhaleMs: 5000, exhaleMs: 7000 });
  });
});

describe('breathPhase boundaries', () => {
  test('starts breathing in with empty lungs', () => {
    expect(at(DEFAULT_PATTERN, 0)).toEqual({ phase: 'in', progress: 0, msLeftInPhase: 4000, cycle: 0, fullness: 0 });
  });

  test('the last millisecond of the inhale is still inhale', () => {
    const s = at(DEFAULT_PATTERN, 3999);
    expect(s.phase).toBe('in');
    expect(s.msLeftInPhase).toBe(1);
    expect(s.progress).toBeCloseTo(3999 / 4000);
  });

  test('the exhale begins exactly at 4 s, with full lungs', () => {
    const s = at(DEFAULT_PATTERN, 4000);
    expect(s).toMatchObject({ phase: 'out', progress: 0, msLeftInPhase: 6000, cycle: 0 });
    expect(s.fullness).toBe(1);
  });

  test('half way through the exhale the lungs are half full', () => {
    const s = at(DEFAULT_PATTERN, 7000);
    expect(s.phase).toBe('out');
    expect(s.progress).toBe(0.5);
    expect(s.fullness).toBeCloseTo(0.5);
  });

  test('a new cycle begins at 10 s', () => {
    expect(at(DEFAULT_PATTERN, 9999)).toMatchObject({ phase: 'out', cycle: 0, msLeftInPhase: 1 });
    expect(at(DEFAULT_PATTERN, 10_000)).toMatchObject({ phase: 'in', cycle: 1, progress: 0 });
  });

  test('counts whole cycles: 6 in the first minute', () => {
    expect(at(DEFAULT_PATTERN, 59_999).cycle).toBe(5);
    expect(at(DEFAULT_PATTERN, 60_000).cycle).toBe(6);
    expect(at(DEFAULT_PATTERN, 20 * 60_000 + 4500)).toMatchObject({ phase: 'out', cycle: 120 });
  });

  test('a clock reading before the start is treated as the start', () => {
    expect(breathPhase(DEFAULT_PATTERN, T0, T0 - 5000)).toMatchObject({ phase: 'in', progress: 0, cycle: 0 });
  });

  test('fullness only rises on the inhale and only falls on the exhale', () => {
    let last = -1;
    for (let ms = 0; ms < 4000; ms += 250) {
      const f = at(DEFAULT_PATTERN, ms).fullness;
      expect(f).toBeGreaterThanOrEqual(last);
      last = f;
    }
    last = 1;
    for (let ms = 4000; ms < 10_000; ms += 250) {
      const f = at(DEFAULT_PATTERN, ms).fullness;
      expect(f).toBeLessThanOrEqual(last);
      last = f;
    }
  });
});

describe('counting seconds', () => {
  test('reads 4, 3, 2, 1 through a 4 s inhale', () => {
    expect([0, 1, 1000, 2500, 3999].map((ms) => secondsLeft(at(DEFAULT_PATTERN, ms)))).toEqual([4, 4, 3, 2, 1]);
  });

  test('reads 6 at the start of the exhale', () => {
    expect(secondsLeft(at(DEFAULT_PATTERN, 4000))).toBe(6);
  });
});

describe('custom patterns', () => {
  const boxish: BreathPattern = { inhaleMs: 4000, holdInMs: 2000, exhaleMs: 6000, holdOutMs: 1000 };

  test('holds sit between the inhale and exhale, and after the exhale', () => {
    expect(cycleMs(boxish)).toBe(13_000);
    expect(at(boxish, 4000)).toMatchObject({ phase: 'hold', msLeftInPhase: 2000, fullness: 1 });
    expect(at(boxish, 6000)).toMatchObject({ phase: 'out', msLeftInPhase: 6000 });
    expect(at(boxish, 12_000)).toMatchObject({ phase: 'hold', msLeftInPhase: 1000, fullness: 0 });
    expect(at(boxish, 13_000)).toMatchObject({ phase: 'in', cycle: 1 });
  });

  test('zero-length holds are skipped', () => {
    const p: BreathPattern = { inhaleMs: 5000, holdInMs: 0, exhaleMs: 7000 };
    expect(at(p, 5000).phase).toBe('out');
    expect(breathsPerMinute(p)).toBe(5);
  });

  test('a 4/7 pattern changes phase at 4 s and repeats every 11 s', () => {
    const p = presetById('4-7').pattern;
    expect(at(p, 4000)).toMatchObject({ phase: 'out', msLeftInPhase: 7000 });
    expect(at(p, 11_000)).toMatchObject({ phase: 'in', cycle: 1 });
    expect(at(p, 33_000 + 10_999)).toMatchObject({ phase: 'out', cycle: 3, msLeftInPhase: 1 });
  });

  test('non-positive breath lengths cannot stall the guide', () => {
    const s = breathPhase({ inhaleMs: 0, exhaleMs: -5 }, T0, T0 + 12_345);
    expect(Number.isFinite(s.progress)).toBe(true);
    expect(Number.isFinite(s.cycle)).toBe(true);
  });
});
