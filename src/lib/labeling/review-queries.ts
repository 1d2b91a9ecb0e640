/** The review view's questions to the project database, one hook per question. */
import type { Case } from '@/core/model';
import { chooseReferences, promptReferenceIds, type ReferenceSource } from '@/core/knowledge/reference-choice';
import { projectDb } from '@/lib/storage/db';
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
 * The normal parts to compare `c` with: the references the run's prompt version sent for its
 * class, else the class's reference candidates, else its cases labelled normal. Never `c` itself.
 */
export function useReviewReferences(c: Case | undefined, promptVersionId: string | undefined): ReviewReferences | undefined {
  return useLiveQuery(
    async () => {
      if (!c) return { cases: [], from: '' };
      const db = projectDb();
      const version = promptVersionId ? await db.promptVersions.get(promptVersionId) : undefined;
      const ids = promptReferenceIds(version?.body, c.className);
      const picked = ids.length ? (await db.cases.bulkGet(ids)).filter((x): x is Case => !!x) : [];
      const same = await db.cases.where('className').equals(c.className).toArray();
      const chosen = chooseReferences(c, picked, same, { limit: SHOWN_REFERENCES });
      return { cases: chosen.cases, from: REFERENCES_FROM[chosen.source] };
    },
    [c?.className, c?.assetId, promptVersionId],
  );
}
