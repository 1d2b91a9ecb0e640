import { describe, expect, it } from 'vitest';
import { jsonChunks } from './json-chunks';

describe('jsonChunks', () => {
  it('joins to exactly what JSON.stringify writes, fields left out and arrays split alike', () => {
    const value = {
      format: 'anomaly-workbench-project',
      projectName: undefined,
      rows: Array.from({ length: 1234 }, (_, i) => ({ id: `c${i}`, label: i % 3 ? 'normal' : 'anomalous', note: i % 7 ? undefined : 'a "quoted" note\n' })),
      empty: [],
      holes: [1, undefined, 'x'],
      nested: { a: [1, 2], b: null },
      skipped: () => 1,
    };
    const pieces = [...jsonChunks(value, 100)];
    expect(pieces.join('')).toBe(JSON.stringify(value));
    // The 1,234 rows come in pieces of at most 100, never as one string.
    expect(pieces.length).toBeGreaterThan(13);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(JSON.stringify(value.rows).length / 10);
  });
});
