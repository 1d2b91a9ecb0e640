import { describe, expect, it } from 'vitest';
import { splitWindows, windowSubCase } from '@/core/video/windows';
import type { Case } from '@/core/model';

const frames = Array.from({ length: 150 }, (_, i) => ({ index: i, timestampS: i / 30 })); // 5 s

describe('windows', () => {
  it('splits into consecutive windows of S seconds, the last ending at the duration', () => {
    const w = splitWindows(frames, 5, { by: 'seconds', seconds: 2 });
    expect(w).toEqual([
      { index: 0, startS: 0, endS: 2 },
      { index: 1, startS: 2, endS: 4 },
      { index: 2, startS: 4, endS: 5 },
    ]);
  });

  it('splits into windows of N frames', () => {
    const w = splitWindows(frames, 5, { by: 'frames', count: 60 });
    expect(w.map((x) => [x.startS, x.endS])).toEqual([[0, 2], [2, 4], [4, 5]]);
  });

  it('makes a sub-case per window that points at its parent', () => {
    const parent: Case = { id: 'v1', assetId: 'a', kind: 'video', name: 'belt.webm', className: 'belt', role: 'test', truth: { status: 'anomalous' }, maskAssetIds: [], addedAt: 1 };
    const sub = windowSubCase(parent, { index: 1, startS: 2, endS: 4 }, 5);
    expect(sub).toMatchObject({ id: 'v1:w1', parentId: 'v1', className: 'belt', kind: 'video', window: { startS: 2, endS: 4, index: 1 }, truth: { status: 'unlabelled' } });
    expect(sub.name).toBe('belt.webm [2.00–4.00 s]');
  });

  it('returns nothing for a bad split', () => {
    expect(splitWindows(frames, 5, { by: 'seconds', seconds: 0 })).toEqual([]);
    expect(splitWindows([], 5, { by: 'frames', count: 3 })).toEqual([]);
  });
});
