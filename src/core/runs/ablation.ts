/**
 * The method's central experiment as one action: every combination of reference images, rules and
 * class context (the task is always sent), each as its own prompt body, run on the same cases.
 */
import type { PromptBody } from '@/core/prompt/prompt-body';

export type Knowledge = PromptBody['knowledge'];

export interface AblationVariant {
  /** Short and stable, e.g. "refs + rules + context", "task only". */
  label: string;
  knowledge: Knowledge;
  body: PromptBody;
}

export function knowledgeLabel(k: Knowledge): string {
  const parts = [k.references && 'refs', k.rules && 'rules', k.classContext && 'context', k.knownDefects && 'known defects'].filter(Boolean);
  return parts.length ? parts.join(' + ') : 'task only';
}

/** True when some class has known defects: the grid then varies them too (a fifth switch). */
export const hasKnownDefects = (body: PromptBody) => Object.values(body.knownDefects ?? {}).some((list) => list.length > 0);

/** The 8 variants of a body (16 with known defects), from task only to all knowledge, in a fixed order. */
export function ablationVariants(body: PromptBody): AblationVariant[] {
  const out: AblationVariant[] = [];
  const defects = hasKnownDefects(body) ? [false, true] : [undefined];
  for (const knownDefects of defects) {
    for (const references of [false, true]) {
      for (const rules of [false, true]) {
        for (const classContext of [false, true]) {
          const knowledge: Knowledge = knownDefects === undefined ? { references, rules, classContext } : { references, rules, classContext, knownDefects };
          out.push({ label: knowledgeLabel(knowledge), knowledge, body: { ...body, knowledge } });
        }
      }
    }
  }
  return out;
}

/** Kinds of knowledge the body switches on but has nothing for: their variants repeat others. */
export function emptyKnowledge(body: PromptBody): string[] {
  const empty: string[] = [];
  if (!Object.values(body.references).some((ids) => ids.length > 0)) empty.push('reference images');
  if (!body.rules.some((r) => r.enabled)) empty.push('rules');
  if (!Object.values(body.classContext).some((t) => t.trim())) empty.push('class context');
  return empty;
}
