import { describe, expect, it } from 'vitest';
import { formatCount, isCount } from './counts';

describe('counts read from files', () => {
  it('accepts only whole numbers a loop can count to', () => {
    for (const ok of [0, 1, 4294967295, Number.MAX_SAFE_INTEGER]) expect(isCount(ok)).toBe(true);
    for (const bad of [-1, 1.5, NaN, Infinity, -Infinity, 1e300, 2 ** 53]) expect(isCount(bad)).toBe(false);
  });

  it('prints huge and odd counts short enough for a sentence', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(4294967295)).toBe('4,294,967,295');
    expect(formatCount(1e300)).toBe('1e300');
    expect(formatCount(4294967295 * 1e6)).toBe('4.29e15');
    expect(formatCount(Infinity)).toBe('infinity');
    expect(formatCount(NaN)).toBe('NaN');
  });
});
