/** A line diff (longest common subsequence) for comparing two prompt versions. */
export interface DiffLine {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/** Diff of two texts by line. Quadratic in lines; prompt bodies are a few hundred lines at most. */
export function diffLines(a: string, b: string): DiffLine[] {
  return diffTokens(a.split('\n'), b.split('\n'));
}

/** Longest-common-subsequence diff of two token lists (lines, words). */
export function diffTokens(x: readonly string[], y: readonly string[]): DiffLine[] {
  const n = x.length;
  const m = y.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ op: 'same', text: x[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ op: 'removed', text: x[i++] });
    else out.push({ op: 'added', text: y[j++] });
  }
  while (i < n) out.push({ op: 'removed', text: x[i++] });
  while (j < m) out.push({ op: 'added', text: y[j++] });
  return out;
}

/** A readable, stable text form of a value for diffing (sorted keys, 2-space indent). */
export function prettyStable(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sort(value), null, 2);
}
