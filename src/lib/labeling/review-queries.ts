/** The review view's questions to the project database, one hook per question. */
import type { Case } from '@/core/model';
import { chooseReferences, promptReferenceIds, type ReferenceSource } from '@/core/knowledge/reference-choice';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { useLiveQuery } from '@/lib/storage/live-query';

export interface ReviewReferences {
  cases: Case[];
  /** Where they come from, for the heading: "the run’s prompt", "reference candidates", … */
  from: string;
}

const REFERENCES_FROM: Record<ReferenceSource, string> = { prompt: 'the run’s prompt', candidates: 'reference candidates', normals: 'cases labelled normal' };

/** How many references the review shows beside a case. */
const SHOWN_REFERENCES = 6;

/**
 * The normal parts to compare `focused` with, chosen by the one reference policy: the references
 * the run's prompt version sent for its class, else the class's reference candidates, else its
 * cases labelled normal; never the case itself. Reads walk the class index and stop after a few
 * matches, so stepping through 10,000 cases never loads a whole class.
 */
export async function reviewReferences(focused: Case, promptVersionId: string | undefined, n = SHOWN_REFERENCES, db: ProjectDb = projectDb()): Promise<ReviewReferences> {
  const version = promptVersionId ? await db.promptVersions.get(promptVersionId) : undefined;
  const ids = promptReferenceIds(version?.body, focused.className);
  const picked = ids.length ? (await db.cases.bulkGet(ids)).filter((x): x is Case => !!x) : [];
  // One more than shown, in case the focused case itself is among them.
  const firstOf = (keep: (c: Case) => boolean) => db.cases.where('className').equals(focused.className).filter(keep).limit(n + 1).toArray();
  const [candidates, normals] = await Promise.all([firstOf((c) => c.role === 'reference'), firstOf((c) => c.truth.status === 'normal')]);
  const chosen = chooseReferences(focused, picked, [...candidates, ...normals], { limit: n });
  return { cases: chosen.cases, from: REFERENCES_FROM[chosen.source] };
}

/** `reviewReferences`, live. */
export function useReviewReferences(c: Case | undefined, promptVersionId: string | undefined): ReviewReferences | undefined {
  return useLiveQuery(async () => (c ? reviewReferences(c, promptVersionId) : { cases: [], from: '' }), [c?.className, c?.assetId, promptVersionId]);
}
