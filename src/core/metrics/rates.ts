/** Proportions with Wilson score intervals (95% by default). */

export interface Rate {
  /** k / n, or null when n = 0. */
  value: number | null;
  k: number;
  n: number;
  /** Wilson interval bounds (0–1), null when n = 0. */
  lo: number | null;
  hi: number | null;
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export function wilson(k: number, n: number, z = Z95): { lo: number; hi: number } | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

export function rate(k: number, n: number): Rate {
  const ci = wilson(k, n);
  return { value: n > 0 ? k / n : null, k, n, lo: ci?.lo ?? null, hi: ci?.hi ?? null };
}
