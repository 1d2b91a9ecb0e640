/**
 * Which normal images a case is shown or compared with, in one policy: the references the prompt
 * sends for its class (or a control run's override), else the class's reference candidates, else
 * its cases labelled normal — never the case's own file. The run path sends the prompt's picks
 * as they are (`promptReferenceIds`); Review, presentation mode and the offline baseline choose
 * with `chooseReferences`.
 */
import type { Case } from '@/core/model';

/** Where the chosen references came from, in order of preference. */
export type ReferenceSource = 'prompt' | 'candidates' | 'normals';

/** The reference case ids a prompt body sends for a class; a control run's override wins. */
export function promptReferenceIds(body: unknown, className: string, override?: string[]): string[] {
  return override ?? (body as { references?: Record<string, string[]> } | undefined)?.references?.[className] ?? [];
}

export interface ReferenceChoiceOptions {
  limit: number;
  /** Fall back to cases labelled normal when the class has no reference candidates (default true). */
  normals?: boolean;
  /** Order the class's cases by name (the prompt's picks keep their order). */
  byName?: boolean;
  /** Which of the class's cases may stand as a reference at all (e.g. same kind, not a sub-case). */
  eligible?: (c: Case) => boolean;
}

const STEPS: readonly { source: ReferenceSource; take: (c: Case) => boolean }[] = [
  { source: 'candidates', take: (c) => c.role === 'reference' },
  { source: 'normals', take: (c) => c.truth.status === 'normal' },
];

/**
 * `picked`: the cases the prompt sent (already loaded); `classCases`: the cases of the query's
 * class. An empty choice names the last source tried.
 */
export function chooseReferences(query: Pick<Case, 'assetId'>, picked: readonly Case[], classCases: readonly Case[], o: ReferenceChoiceOptions): { cases: Case[]; source: ReferenceSource } {
  const other = (c: Case) => c.assetId !== query.assetId;
  const fromPrompt = picked.filter(other);
  if (fromPrompt.length) return { cases: fromPrompt.slice(0, o.limit), source: 'prompt' };
  const pool = classCases.filter((c) => other(c) && (o.eligible?.(c) ?? true));
  const steps = o.normals === false ? STEPS.slice(0, 1) : STEPS;
  let last: ReferenceSource = 'candidates';
  for (const step of steps) {
    last = step.source;
    const cases = pool.filter(step.take);
    if (cases.length) return { cases: (o.byName ? cases.sort((a, b) => a.name.localeCompare(b.name)) : cases).slice(0, o.limit), source: step.source };
  }
  return { cases: [], source: last };
}
