/**
 * Counts and sizes read from a file are untrusted: these helpers decide whether one is a usable
 * whole number and print it short, so a count of 1e300 never becomes 301 digits in a message.
 */

/** A whole number from 0 to 2^53 − 1 (the largest every JS loop and array index handles exactly). */
export function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** A number as a person reads it: grouped digits up to a trillion, then "1e300", "4.29e15". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'infinity' : '-infinity';
  if (Math.abs(n) < 1e12) return n.toLocaleString('en-US');
  return Number(n.toPrecision(3)).toExponential().replace('e+', 'e');
}

/** A header token quoted in a message, cut to a readable length. */
export function quoteToken(s: string, max = 24): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
