/** Turns a sample prompt (plain data in the manifest) into a prompt body of the prompt builder. */
import { templateBody, type PromptBody, type PromptRule } from '@/core/prompt/prompt-body';
import type { SamplePrompt } from '@/core/sample/sample-project';

/** `referenceCaseIds`: the project's case ids of the class's reference images, in order. */
export function samplePromptBody(p: SamplePrompt, referenceCaseIds: string[]): PromptBody {
  const body = templateBody('workbench');
  const rules: PromptRule[] = p.rules.map((r) => ({ id: r.id, text: r.text, enabled: true, scope: p.className, kind: 'rule' }));
  p.tolerated.forEach((text, i) => rules.push({ id: `R${p.rules.length + i + 1}`, text, enabled: true, scope: p.className, kind: 'tolerated' }));
  return {
    ...body,
    task: p.task,
    classContext: { [p.className]: p.classContext },
    rules,
    references: { [p.className]: referenceCaseIds },
  };
}
