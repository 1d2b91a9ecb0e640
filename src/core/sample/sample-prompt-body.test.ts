import { describe, expect, it } from 'vitest';
import { readPromptBody, rulesFor } from '@/core/prompt/prompt-body';
import { buildSampleProject } from '@/core/sample/sample-project';
import { samplePromptBody } from '@/core/sample/sample-prompt-body';

describe('sample prompts', () => {
  it('become prompt bodies with class context, stable rule ids, tolerated variations and references', () => {
    const p = buildSampleProject(7).manifest.prompts.find((x) => x.className === 'washer')!;
    const body = readPromptBody(samplePromptBody(p, ['c_1', 'c_2']));
    expect(body.classContext.washer).toContain('washer');
    expect(rulesFor(body, 'washer', 'rule').map((r) => r.id)).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(rulesFor(body, 'washer', 'tolerated').map((r) => r.id)).toEqual(['R5', 'R6']);
    expect(rulesFor(body, 'pcb', 'rule')).toEqual([]);
    expect(body.references).toEqual({ washer: ['c_1', 'c_2'] });
  });
});
