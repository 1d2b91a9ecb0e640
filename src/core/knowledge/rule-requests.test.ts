import { describe, expect, it } from 'vitest';
import { buildDraftRulesRequest } from '@/core/knowledge/rule-requests';
import { modelCapabilities } from '@/core/vlm/model-capabilities';

const image = { dataUrl: 'data:image/png;base64,AAAA', width: 64, height: 64, bytes: 3, mime: 'image/png', sourceHash: 'h1' };

function draftFor(presetId: string, model: string) {
  return buildDraftRulesRequest({
    className: 'washer',
    existing: [],
    normals: [{ caseId: 'c1', label: 'Normal example 1', image }],
    defects: [],
    maxRules: 8,
    model,
    caps: modelCapabilities({ presetId, model }),
    maxTokens: 1500,
    detail: 'low',
  });
}

describe('knowledge requests follow the model, like verdict requests', () => {
  it('a reasoning model gets max_completion_tokens with room to think and no temperature', () => {
    const r = draftFor('openai', 'gpt-5-mini');
    expect(r.body.max_tokens).toBeUndefined();
    expect(r.body.temperature).toBeUndefined();
    expect(r.body.max_completion_tokens).toBeGreaterThan(1500);
    expect(r.estimate.reasoningTokens.max).toBeGreaterThan(0);
  });

  it('a classic model gets max_tokens and temperature 0', () => {
    const r = draftFor('openai', 'gpt-4o');
    expect(r.body.max_tokens).toBe(1500);
    expect(r.body.max_completion_tokens).toBeUndefined();
    expect(r.body.temperature).toBe(0);
    expect(r.estimate.reasoningTokens.max).toBe(0);
  });
});
