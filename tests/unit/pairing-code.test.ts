import { describe, expect, test } from 'vitest';
import {
  CODE_LENGTH,
  CROCKFORD_ALPHABET,
  encodeCode,
  formatCode,
  normalizeCode,
  splitCode,
} from '../../shared/pairing/code.js';

describe('alphabet', () => {
  test('32 distinct symbols without the look-alikes I, L, O, U', () => {
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    expect(new Set(CROCKFORD_ALPHABET).size).toBe(32);
    for (const ch of 'ILOU') expect(CROCKFORD_ALPHABET).not.toContain(ch);
  });
});

describe('encodeCode', () => {
  test('maps the low 5 bits of each byte', () => {
    expect(encodeCode(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7]))).toBe('01234567');
    expect(encodeCode(Uint8Array.from([31, 30, 29, 28, 27, 26, 25, 24]))).toBe('ZYXWVTSR');
    expect(encodeCode(Uint8Array.from([32, 33, 255, 224, 64 + 10, 128 + 17, 96 + 18, 160 + 27]))).toBe('01Z0AHJV');
  });

  test('uses exactly the first 8 bytes and needs at least 8', () => {
    expect(encodeCode(Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 9, 9]))).toBe('11111111');
    expect(() => encodeCode(new Uint8Array(7))).toThrow(RangeError);
  });

  test('every byte value gives a valid, normalized code', () => {
    for (let b = 0; b < 256; b++) {
      const code = encodeCode(new Uint8Array(CODE_LENGTH).fill(b));
      expect(code).toHaveLength(CODE_LENGTH);
      expect(normalizeCode(code)).toBe(code);
    }
  });
});

describe('normalizeCode', () => {
  test.each([
    ['ABCD-EFGH', 'ABCDEFGH'],
    ['ABCDEFGH', 'ABCDEFGH'],
    ['abcd-efgh', 'ABCDEFGH'],
    ['abcdefgh', 'ABCDEFGH'],
    ['  ab cd - ef gh ', 'ABCDEFGH'],
    ['AB-CD-EF-GH', 'ABCDEFGH'],
    ['OOOO-oooo', '00000000'],
    ['IiLl-1111', '11111111'],
    ['x0y1-z9tv', 'X0Y1Z9TV'],
  ])('%j → %s', (input, want) => {
    expect(normalizeCode(input)).toBe(want);
  });

  test.each([
    '',
    'ABCD',
    'ABCD-EFG',
    'ABCD-EFGHJ',
    'ABCD-EFGU',
    'ABCD_EFGH',
    'ABCD.EFGH',
    'ABCD!FGH',
    'ÄBCD-EFGH',
    'ABCD\u0000EFGH',
    '٠١٢٣٤٥٦٧',
  ])('not a code: %j → null', (input) => {
    expect(normalizeCode(input)).toBeNull();
  });
});

describe('formatCode and splitCode', () => {
  test('formatCode puts a dash in the middle; it normalizes back', () => {
    expect(formatCode('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(normalizeCode(formatCode('0Z1Y2X3W'))).toBe('0Z1Y2X3W');
  });

  test('splitCode: the first half looks up, the second half is the secret', () => {
    expect(splitCode('ABCDEFGH')).toEqual({ lookup: 'ABCD', secret: 'EFGH' });
    const normalized = normalizeCode('abcd-efgh')!;
    expect(splitCode(normalized)).toEqual({ lookup: 'ABCD', secret: 'EFGH' });
  });
});
