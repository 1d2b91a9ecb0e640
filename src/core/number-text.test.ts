import { describe, expect, it } from 'vitest';
import { numberText, tokenText } from '@/core/number-text';

describe('numbers in messages', () => {
  it('shortens huge counts instead of printing every digit', () => {
    expect(numberText(1e300)).toBe('1e300');
    expect(numberText(4294967295)).toBe('4294967295');
    expect(numberText(4294967295 * 1e6)).toBe('4.29e15');
    expect(numberText(-1e20)).toBe('-1e20');
    expect(`a count of ${numberText(1e300)}`.length).toBeLessThan(20);
  });
  it('names the values that are not counts at all', () => {
    expect(numberText(Infinity)).toBe('infinity');
    expect(numberText(NaN)).toBe('NaN');
  });
  it('keeps ordinary numbers as they are', () => {
    expect(numberText(0)).toBe('0');
    expect(numberText(58)).toBe('58');
    expect(numberText(0.25)).toBe('0.25');
    expect(numberText(1 / 3)).toBe('0.333333');
    expect(numberText(1e-9)).toBe('1e-9');
  });
  it('shortens long tokens read from a file', () => {
    expect(tokenText('1' + '0'.repeat(300))).toBe('1e300');
    expect(tokenText('inf')).toBe('inf');
    expect(tokenText('12')).toBe('12');
    expect(tokenText('x'.repeat(40))).toBe(`${'x'.repeat(24)}…`);
  });
});
