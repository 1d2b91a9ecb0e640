import { describe, expect, it } from 'vitest';
import { readPromptBody, templateBody } from '@/core/prompt/prompt-body';
import { ablationRunCount, ablationVariants, emptyKnowledge, modalityOfLabel } from '@/core/runs/ablation';

describe('ablation grid', () => {
  it('makes the 8 knowledge combinations, task always on, other fields untouched', () => {
    const body = { ...templateBody('workbench'), task: 'T', rules: [{ id: 'R1', text: 'rim closed', enabled: true, scope: 'global', kind: 'rule' as const }] };
    const v = ablationVariants(body);
    expect(v).toHaveLength(8);
    expect(new Set(v.map((x) => JSON.stringify(x.knowledge))).size).toBe(8);
    expect(v.map((x) => x.label)).toEqual(['task only', 'context', 'rules', 'rules + context', 'refs', 'refs + context', 'refs + rules', 'refs + rules + context']);
    for (const x of v) {
      expect(x.body.task).toBe('T');
      expect(x.body.rules).toBe(body.rules);
      expect(x.body.knowledge).toEqual(x.knowledge);
    }
  });
  it('runs the reference variants with fixed picks, retrieved references, or both side by side', () => {
    const body = { ...templateBody('workbench'), references: { bottle: ['r1'] } };
    const retrieved = ablationVariants(body, 'retrieved');
    expect(retrieved).toHaveLength(8);
    expect(retrieved.filter((v) => v.body.referencePolicy?.kind === 'nearest').map((v) => v.label)).toEqual(['retrieved refs', 'retrieved refs + context', 'retrieved refs + rules', 'retrieved refs + rules + context']);
    const both = ablationVariants(body, 'both');
    expect(both).toHaveLength(12);
    expect(both.slice(0, 8).every((v) => v.body.referencePolicy === undefined)).toBe(true);
    expect(both.slice(8).every((v) => v.knowledge.references && v.body.referencePolicy?.kind === 'nearest')).toBe(true);
    // A prompt that already retrieves still gets a true fixed variant to compare with.
    const own = ablationVariants({ ...body, referencePolicy: { kind: 'nearest', k: 2, nearDuplicateSimilarity: 0.99 } }, 'both');
    expect(own[7].body.referencePolicy).toBeUndefined();
    expect(own[11].body.referencePolicy).toEqual({ kind: 'nearest', k: 2, nearDuplicateSimilarity: 0.99 });
  });
  it('says which kinds of knowledge the prompt has nothing for', () => {
    expect(emptyKnowledge(templateBody('workbench'))).toEqual(['reference images', 'rules', 'class context']);
  });
});

describe('ablation grid with known defects', () => {
  it('varies known defects as a fifth switch when the prompt has some', () => {
    const body = { ...templateBody('workbench'), knownDefects: { carpet: [{ name: 'hole', text: 'A hole.' }] } };
    const v = ablationVariants(body);
    expect(v).toHaveLength(16);
    expect(new Set(v.map((x) => JSON.stringify(x.knowledge))).size).toBe(16);
    expect(v.filter((x) => x.knowledge.knownDefects)).toHaveLength(8);
    expect(v.at(-1)!.label).toBe('refs + rules + context + known defects');
  });
});

describe('ablation grid varying what scans send', () => {
  it('adds RGB only / renders only / both with the prompt\'s own knowledge, named so the table can tell them apart', () => {
    const body = templateBody('workbench');
    const v = ablationVariants(body, 'fixed', true);
    expect(v).toHaveLength(11);
    expect(ablationRunCount(body, 'fixed', true)).toBe(11);
    expect(ablationRunCount(body, 'both', true)).toBe(15);
    const extra = v.slice(8);
    expect(extra.map((x) => x.label)).toEqual(['refs + rules + context · RGB only', 'refs + rules + context · renders only', 'refs + rules + context · RGB + renders']);
    expect(extra.map((x) => x.body.modalities)).toEqual(['photo', 'renders', 'both']);
    expect(extra.every((x) => x.body.knowledge === body.knowledge)).toBe(true);
    expect(extra.map((x) => modalityOfLabel(x.label))).toEqual(['RGB only', 'renders only', 'RGB + renders']);
    expect(v.slice(0, 8).every((x) => x.body.modalities === undefined && modalityOfLabel(x.label) === undefined)).toBe(true);
    // The override survives storage: a stored variant body reads back with it.
    expect(readPromptBody(JSON.parse(JSON.stringify(extra[0].body))).modalities).toBe('photo');
    expect(readPromptBody({ ...body, modalities: 'everything' }).modalities).toBeUndefined();
  });
});
