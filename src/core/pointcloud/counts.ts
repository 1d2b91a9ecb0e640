/**
 * Counts and sizes read from a file are untrusted: these helpers decide whether one is a usable
 * whole number and print it short, so a count of 1e300 never becomes 301 digits in a message.
 */
import { numberText } from '@/core/number-text';

/** A whole number from 0 to 2^53 − 1 (the largest every JS loop and array index handles exactly). */
export function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** A count for a sentence: grouped digits while short ("12,000"), else the shared short form ("1e300"). */
export function formatCount(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e12 ? n.toLocaleString('en-US') : numberText(n);
}
