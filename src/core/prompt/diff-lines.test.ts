import { describe, expect, it } from 'vitest';
import { diffLines, prettyStable } from '@/core/prompt/diff-lines';
import { canonicalJson } from '@/core/identity';
import { nextRuleId, readPromptBody, templateBody } from '@/core/prompt/prompt-body';

describe('diffLines', () => {
  it('marks added and removed lines and keeps the common ones', () => {
    expect(diffLines('a\nb\nc', 'a\nc\nd')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'same', text: 'c' },
      { op: 'added', text: 'd' },
    ]);
  });
  it('shows a rule edit between two prompt bodies as one removed and one added line', () => {
    const a = templateBody('workbench');
    a.rules = [{ id: 'R1', text: 'Rim closed', enabled: true, scope: 'global', kind: 'rule' }];
    const b = structuredClone(a);
    b.rules[0].text = 'Rim closed and round';
    const d = diffLines(prettyStable(a), prettyStable(b)).filter((l) => l.op !== 'same');
    expect(d).toEqual([
      { op: 'removed', text: '      "text": "Rim closed"' },
      { op: 'added', text: '      "text": "Rim closed and round"' },
    ]);
  });
});

describe('prompt body helpers', () => {
  it('gives the next free rule id and hashes equal bodies equal whatever the key order', () => {
    expect(nextRuleId([{ id: 'R1' }, { id: 'R7' }, { id: 'X' }] as never)).toBe('R8');
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });
  it('reads old or partial bodies with defaults', () => {
    const b = readPromptBody({ templateId: 'authors', task: 'T' });
    expect(b.output.format).toBe('authors');
    expect(b.image.maxSidePx).toBe(768);
    expect(() => readPromptBody(null)).toThrow(/no readable content/);
  });
  it("reads the sample project's per-class shape: context, class-scoped rules, tolerated variations", () => {
    const b = readPromptBody({
      source: 'sample',
      task: 'Decide.',
      classes: [{ className: 'washer', context: 'A steel washer.', tolerated: ['Fine grain'] }],
      rules: [{ id: 'R1', text: 'Rim closed.', enabled: true, className: 'washer' }, { id: 'R2', text: 'No oil.' }],
    });
    expect(b.task).toBe('Decide.');
    expect(b.classContext).toEqual({ washer: 'A steel washer.' });
    expect(b.rules).toEqual([
      { id: 'R1', text: 'Rim closed.', enabled: true, scope: 'washer', kind: 'rule' },
      { id: 'R2', text: 'No oil.', enabled: true, scope: 'global', kind: 'rule' },
      { id: 'R3', text: 'Fine grain', enabled: true, scope: 'washer', kind: 'tolerated' },
    ]);
    expect(Object.keys(b)).not.toContain('classes');
  });
});
