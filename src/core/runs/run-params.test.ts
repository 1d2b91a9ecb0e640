import { describe, expect, it } from 'vitest';
import type { Run } from '@/core/model';
import { requestKey } from '@/core/identity';
import { ablationPromptId, isAblationVersion, ownerPromptId } from '@/core/runs/ablation';
import { runAblation, runRequest } from '@/core/runs/run-params';

const run = (over: Partial<Run>): Run => ({ id: 'r', name: 'r', detector: 'vlm', promptVersionId: 'pv-1', provider: { presetId: 'openai', baseURL: 'https://x', model: 'gpt-4o' }, params: { temperature: 0, maxTokens: 800 }, caseIds: [], repeat: 1, variant: { kind: 'plain' }, status: 'done', createdAt: 1, ...over });
const key = (r: Run) => requestKey(runRequest(r));

describe('run parameters and ablation cells', () => {
  it('reads the ablation cell of new runs from its field and of older runs from their params', () => {
    const cell = { group: 'abl-1', of: 'pv-0', cell: 'refs + rules' };
    const variant = { kind: 'ablation' as const, of: 'pv-0', label: 'refs + rules' };
    expect(runAblation(run({ ablation: cell, variant }))).toEqual(cell);
    expect(runAblation(run({ params: { temperature: 0, maxTokens: 800, ablationGroup: 'abl-1', ablationOf: 'pv-0' }, variant }))).toEqual(cell);
    expect(runAblation(run({}))).toBeUndefined();
  });

  it('an older ablation run and a new one asking the same are twins for reuse; the click that made them does not matter', () => {
    const variant = { kind: 'ablation' as const, of: 'pv-0', label: 'rules only' };
    const old = run({ params: { temperature: 0, maxTokens: 800, ablationGroup: 'abl-old', ablationOf: 'pv-0' }, variant });
    const now = run({ ablation: { group: 'abl-new', of: 'pv-0', cell: 'rules only' }, variant });
    expect(key(now)).toBe(key(old));
    expect(key(run({ ablation: { group: 'abl-new', of: 'pv-9', cell: 'rules only' }, variant }))).not.toBe(key(old));
    expect(key(run({}))).not.toBe(key(old));
  });

  it('plain runs with other parameters, models or versions are not twins', () => {
    expect(key(run({ id: 'a' }))).toBe(key(run({ id: 'b', name: 'other' })));
    expect(key(run({ params: { temperature: 0.7, maxTokens: 800 } }))).not.toBe(key(run({})));
    expect(key(run({ provider: { presetId: 'openai', baseURL: 'https://x', model: 'gpt-5' } }))).not.toBe(key(run({})));
    expect(key(run({ promptVersionId: 'pv-2' }))).not.toBe(key(run({})));
  });

  it('ablation prompt versions of older projects are still told apart by their hidden prompt id', () => {
    expect(ablationPromptId('p-1')).toBe('p-1~ablation');
    expect(ablationPromptId('p-1~ablation')).toBe('p-1~ablation');
    expect(ownerPromptId('p-1~ablation')).toBe('p-1');
    expect(ownerPromptId('p-1')).toBe('p-1');
    expect(isAblationVersion({ promptId: 'p-1~ablation' })).toBe(true);
    expect(isAblationVersion({ promptId: 'p-1' })).toBe(false);
  });
});
