import { describe, expect, it } from 'vitest';
import { templateBody, type PromptBody } from '@/core/prompt/prompt-body';
import { changeCount, diffPrompts, diffWords } from '@/core/prompt/prompt-diff';

const rule = (id: string, text: string, scope = 'global') => ({ id, text, enabled: true, scope, kind: 'rule' as const });

describe('prompt version diff', () => {
  it('lists rules added, removed and edited by id, the edit as words', () => {
    const a: PromptBody = { ...templateBody('workbench'), rules: [rule('R1', 'The rim is a closed ring.'), rule('R2', 'No red marks.')] };
    const b: PromptBody = { ...a, rules: [rule('R1', 'The rim is a closed, unbroken ring.', 'washer'), rule('R3', 'No burrs on the hole.')] };
    const d = diffPrompts(a, b);
    expect(d.added.map((r) => r.id)).toEqual(['R3']);
    expect(d.removed.map((r) => r.id)).toEqual(['R2']);
    expect(d.edited).toHaveLength(1);
    expect(d.edited[0].props).toEqual(['scope all classes → washer']);
    expect(d.edited[0].words.filter((w) => w.op === 'removed').map((w) => w.text.trim())).toEqual(['closed']);
    expect(d.edited[0].words.filter((w) => w.op === 'added').map((w) => w.text.trim())).toEqual(['closed,', 'unbroken']);
    expect(d.fields).toEqual([]);
    expect(changeCount(d)).toBe(3);
  });

  it('names the other fields that changed', () => {
    const a = templateBody('workbench');
    const b: PromptBody = { ...a, task: `${a.task} Be strict.`, sampling: { ...a.sampling, temperature: 0.7 }, knowledge: { ...a.knowledge, references: false } };
    const fields = diffPrompts(a, b).fields.map((f) => f.field);
    expect(fields).toEqual(['Task', 'Knowledge sent', 'Temperature']);
  });

  it('joins words back into the text', () => {
    const w = diffWords('a  b c', 'a b d');
    expect(w.filter((x) => x.op !== 'added').map((x) => x.text).join('')).toBe('a  b c');
    expect(w.filter((x) => x.op !== 'removed').map((x) => x.text).join('')).toBe('a b d');
  });
});
