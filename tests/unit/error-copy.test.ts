import { describe, expect, test } from 'vitest';
import { errorCopy, errorText } from '../../client/content/errors.js';
import { ackErrorSchema } from '../../shared/contracts/error-schema.js';
import { ERROR_CODES, type ErrorParams } from '../../shared/contracts/errors.js';

const PARAM_CASES: ErrorParams[] = [
  {},
  { minMinutes: 20 },
  { minMinutes: 20, maxMinutes: 240 },
  { maxMinutes: 1440 },
  { limit: 20 },
  { latest: Date.UTC(2026, 0, 2, 9) },
];

describe('refusal copy', () => {
  test('every code the server can send, and the two the phone gives itself, has words for every shape of params', () => {
    for (const code of [...ERROR_CODES, 'offline', 'timeout'] as const) {
      for (const params of PARAM_CASES) {
        const text = errorText({ code, params });
        expect(text, code).toMatch(/^\S.*[.!?]$/);
        expect(text, code).not.toMatch(/undefined|NaN|\{|\}/);
      }
    }
    expect(Object.keys(errorCopy).sort()).toEqual([...ERROR_CODES, 'offline', 'timeout'].sort());
  });

  test('the numbers a refusal carries reach the sentence', () => {
    expect(errorText({ code: 'bad_request', params: { minMinutes: 20 } })).toContain('20 min');
    expect(errorText({ code: 'bad_request', params: { minMinutes: 10, maxMinutes: 240 } })).toMatch(/10 min.*4 h/);
    expect(errorText({ code: 'over_limit', params: { limit: 20 } })).toContain('20');
    expect(errorText({ code: 'over_limit', params: { maxMinutes: 1440 } })).toContain('24 h');
  });

  test('a code from a newer server reads as a plain failure, not a crash', () => {
    expect(errorText({ code: 'from_the_future' as never })).toBe(errorText({ code: 'internal' }));
  });

  test('the wire shape carries a code and numbers only', () => {
    expect(ackErrorSchema.safeParse({ error: { code: 'over_limit', params: { latest: 5 } } }).success).toBe(true);
    expect(ackErrorSchema.safeParse({ error: { code: 'over_limit', message: 'A sentence.' } }).success).toBe(false);
    expect(ackErrorSchema.safeParse({ error: { code: 'over_limit', params: { words: 'x' } } }).success).toBe(false);
    expect(ackErrorSchema.safeParse({ error: { code: 'no_such_code' } }).success).toBe(false);
  });
});
