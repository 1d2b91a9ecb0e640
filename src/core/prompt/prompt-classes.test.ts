import { describe, expect, it } from 'vitest';
import { templateBody, type PromptBody } from '@/core/prompt/prompt-body';
import { casesForPrompt, defaultPromptFor, fitNote, promptClasses, promptFit } from '@/core/prompt/prompt-classes';

function forClass(k: string): PromptBody {
  const b = templateBody('workbench');
  return { ...b, classContext: { [k]: `A ${k}.` }, rules: [{ id: 'R1', text: 'whole', enabled: true, scope: k, kind: 'rule' }] };
}

describe('prompt classes', () => {
  it('reads the classes from class context, references and class-scoped rules', () => {
    const b = { ...templateBody('workbench'), classContext: { washer: 'A washer.', empty: '  ' }, references: { board: ['c1'], none: [] }, rules: [{ id: 'R1', text: 'x', enabled: true, scope: 'fabric', kind: 'rule' as const }] };
    expect(promptClasses(b)).toEqual(['board', 'fabric', 'washer']);
    expect(promptFit(b, 'washer')).toBe('class');
    expect(promptFit(b, 'conveyor')).toBe('none');
    expect(promptFit(templateBody('zero-shot'), 'conveyor')).toBe('generic');
  });

  it('picks the prompt written for the case class, not the most recent one', () => {
    const prompts = [
      { id: 'conveyor', updatedAt: 30, body: forClass('conveyor') },
      { id: 'washer', updatedAt: 10, body: forClass('washer') },
      { id: 'generic', updatedAt: 20, body: templateBody('zero-shot') },
    ];
    expect(defaultPromptFor('washer', prompts)).toEqual({ promptId: 'washer', fit: 'class' });
    expect(defaultPromptFor('fabric', prompts)).toEqual({ promptId: 'generic', fit: 'generic' });
    expect(defaultPromptFor('fabric', prompts.slice(0, 2))).toEqual({ fit: 'none' });
  });

  it('says when a prompt does not cover a case and keeps only the cases it covers', () => {
    expect(fitNote(forClass('washer'), 'conveyor')).toMatch(/written for washer, not for conveyor/);
    expect(fitNote(forClass('washer'), 'washer')).toBeUndefined();
    const cases = [{ className: 'washer' }, { className: 'board' }];
    expect(casesForPrompt(forClass('washer'), cases)).toEqual([{ className: 'washer' }]);
    expect(casesForPrompt(templateBody('zero-shot'), cases)).toHaveLength(2);
  });
});
