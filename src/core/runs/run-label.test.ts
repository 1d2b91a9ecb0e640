import { describe, expect, it } from 'vitest';
import type { Run } from '@/core/model';
import { defaultRun, isOneCaseRun, runLabel } from '@/core/runs/run-label';

const run = (p: Partial<Run>): Run => ({ id: 'r', name: 'Washer v2 · all (12)', detector: 'vlm', provider: { presetId: 'openai', baseURL: 'x', model: 'gpt-4o' }, params: {}, caseIds: ['a', 'b'], repeat: 1, status: 'done', createdAt: 0, ...p });

describe('run labels', () => {
  it('tells runs apart that differ only by model or variant', () => {
    const a = runLabel(run({}));
    const b = runLabel(run({ provider: { presetId: 'openai', baseURL: 'x', model: 'gpt-4.1-mini' } }));
    expect(a).toBe('Washer v2 · all (12) · gpt-4o');
    expect(b).not.toBe(a);
    expect(runLabel(run({ variant: { kind: 'ablation', label: 'rules only' } }))).toBe('Washer v2 · all (12) · gpt-4o · rules only');
    expect(runLabel(run({ detector: 'baseline', name: 'Offline baseline', provider: undefined }))).toBe('Offline baseline');
  });

  it('keeps one-case runs from becoming the default run', () => {
    const single = run({ id: 's', name: 'One case · good-01.png · Washer v1', caseIds: ['a'] });
    expect(isOneCaseRun(single)).toBe(true);
    expect(isOneCaseRun(run({}))).toBe(false);
    expect(defaultRun([single, run({ id: 'b' })])?.id).toBe('b');
    expect(defaultRun([single])?.id).toBe('s');
  });
});
