/**
 * Which classes a prompt is written for, and the one rule that picks a prompt for a case.
 * One case, Batch, the request preview and the ablation all ask this module, so a case never
 * meets another class's prompt by default.
 */
import { readPromptBody, type PromptBody } from '@/core/prompt/prompt-body';

/**
 * Class names the body speaks about: class context with text, reference picks, class-scoped rules.
 * An empty list means a generic prompt (task and global rules only), fit for any class.
 */
export function promptClasses(body: PromptBody): string[] {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(body.classContext)) if (v?.trim()) out.add(k);
  for (const [k, v] of Object.entries(body.references)) if (v?.length) out.add(k);
  for (const r of body.rules) if (r.scope !== 'global') out.add(r.scope);
  return [...out].sort();
}

/** 'class': written for this class; 'generic': written for no class in particular; 'none': written for other classes. */
export type PromptFit = 'class' | 'generic' | 'none';

export function promptFit(body: PromptBody, className: string): PromptFit {
  const classes = promptClasses(body);
  if (classes.length === 0) return 'generic';
  return classes.includes(className) ? 'class' : 'none';
}

/** What the pickers need to know about a prompt: its id, when it was last changed and its head body. */
export interface PromptCandidate {
  id: string;
  updatedAt: number;
  /** The head version's body (any shape; read with `readPromptBody`). */
  body: unknown;
}

export interface PromptChoice {
  promptId?: string;
  fit: PromptFit;
}

/**
 * The default prompt for a case of `className`: the most recently changed prompt written for the
 * class, else the most recently changed generic one, else none (`fit: 'none'`) — the caller then
 * says that no prompt covers the class instead of silently using another class's prompt.
 */
export function defaultPromptFor(className: string, prompts: readonly PromptCandidate[]): PromptChoice {
  const byRecent = [...prompts].sort((a, b) => b.updatedAt - a.updatedAt);
  for (const want of ['class', 'generic'] as const) {
    const hit = byRecent.find((p) => fitOf(p.body, className) === want);
    if (hit) return { promptId: hit.id, fit: want };
  }
  return { fit: 'none' };
}

/** An unreadable body fits nothing: it can never become a default. */
function fitOf(body: unknown, className: string): PromptFit {
  try {
    return promptFit(readPromptBody(body), className);
  } catch {
    return 'none';
  }
}

/** A sentence for a case whose class the chosen prompt does not cover, or undefined when it does. */
export function fitNote(body: PromptBody, className: string): string | undefined {
  if (promptFit(body, className) !== 'none') return undefined;
  const classes = promptClasses(body);
  return `This prompt is written for ${classes.join(', ')}, not for ${className}: its class context, rules and references do not apply to this case.`;
}

/**
 * The cases a prompt is meant for, in their order: cases of its classes, or all of them for a
 * generic prompt.
 */
export function casesForPrompt<C extends { className: string }>(body: PromptBody, cases: readonly C[]): C[] {
  const classes = promptClasses(body);
  if (classes.length === 0) return [...cases];
  const set = new Set(classes);
  return cases.filter((c) => set.has(c.className));
}
