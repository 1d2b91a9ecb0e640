import { describe, expect, it } from 'vitest';
import { templateBody } from '@/core/prompt/prompt-body';
import { estimateRun, needsConfirmation, tokensFromEarlier, tokensFromPrompt } from '@/core/runs/estimate';

const price = { model: 'gpt-4o', inputPerMTokUsd: 2.5, outputPerMTokUsd: 10 };

describe('run estimate', () => {
  it('prices calls from earlier answers of the model', () => {
    const per = tokensFromEarlier([{ promptTokens: 1000, completionTokens: 100 }, { promptTokens: 3000, completionTokens: 300 }], 'gpt-4o')!;
    expect(per).toMatchObject({ promptTokens: 2000, completionTokens: 200 });
    expect(per.basis).toContain('2 earlier answers of gpt-4o');
    const e = estimateRun(88, per, price);
    expect(e.costUsd).toBeCloseTo(88 * (2000 * 2.5 + 200 * 10) / 1e6, 10);
    expect(tokensFromEarlier([], 'x')).toBeUndefined();
  });

  it('counts more images and more tokens for a prompt with references', () => {
    const bare = tokensFromPrompt(templateBody('zero-shot'), ['washer'], 'openai-tiles');
    const refs = tokensFromPrompt({ ...templateBody('workbench'), references: { washer: ['a', 'b'] } }, ['washer'], 'openai-tiles');
    expect(refs.promptTokens).toBeGreaterThan(bare.promptTokens + 2 * 700);
  });

  it('keeps an unknown price unknown and asks before large runs', () => {
    const per = { promptTokens: 1000, completionTokens: 100, basis: '' };
    const unknown = estimateRun(88, per, undefined);
    expect(unknown.costUsd).toBeUndefined();
    expect(needsConfirmation(unknown, { usd: 1, calls: 50 })).toBe(true);
    expect(needsConfirmation(estimateRun(10, per, undefined), { usd: 1, calls: 50 })).toBe(false);
    expect(needsConfirmation(estimateRun(10, per, price), { usd: 0.01, calls: 50 })).toBe(true);
  });
});
