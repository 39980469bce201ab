import { describe, expect, it } from 'vitest';
import { formatCountdown, minutesLeft } from '../../shared/time/format.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('minutesLeft', () => {
  it('says 10 for a fresh 10-minute code a few milliseconds ahead of this phone', () => {
    expect(minutesLeft(10 * MINUTE + 40)).toBe(10);
    expect(minutesLeft(10 * MINUTE + 499)).toBe(10);
  });

  it('says 30 beside a countdown that reads 30:00', () => {
    for (const ms of [30 * MINUTE - 400, 30 * MINUTE, 30 * MINUTE + 350]) {
      expect(formatCountdown(ms)).toBe('30:00');
      expect(minutesLeft(ms)).toBe(30);
    }
  });

  it('rounds up once a second has gone, so time left is never shown as less than it is', () => {
    expect(formatCountdown(30 * MINUTE - SECOND)).toBe('29:59');
    expect(minutesLeft(30 * MINUTE - SECOND)).toBe(30);
    expect(minutesLeft(29 * MINUTE + SECOND)).toBe(30);
    expect(minutesLeft(29 * MINUTE)).toBe(29);
  });

  it('says 1 while the countdown still shows seconds, and 0 only at 00:00', () => {
    expect(minutesLeft(SECOND)).toBe(1);
    expect(formatCountdown(300)).toBe('00:00');
    expect(minutesLeft(300)).toBe(0);
    expect(minutesLeft(-5 * SECOND)).toBe(0);
  });
});
