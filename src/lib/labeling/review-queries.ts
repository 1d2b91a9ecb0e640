/** The review view's questions to the project database, one hook per question. */
import type { Case } from '@/core/model';
import { projectDb } from '@/lib/storage/db';
import { useLiveQuery } from '@/lib/storage/live-query';

export interface ReviewReferences {
  cases: Case[];
  /** Where they come from, for the heading: "the run’s prompt", "reference candidates", … */
  from: string;
}

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
      const picked = (version?.body as { references?: Record<string, string[]> } | undefined)?.references?.[c.className] ?? [];
      if (picked.length) {
        const cs = (await db.cases.bulkGet(picked)).filter((x): x is Case => !!x && x.assetId !== c.assetId);
        if (cs.length) return { cases: cs.slice(0, SHOWN_REFERENCES), from: 'the run’s prompt' };
      }
      const same = await db.cases.where('className').equals(c.className).toArray();
      const refs = same.filter((x) => x.role === 'reference' && x.assetId !== c.assetId);
      if (refs.length) return { cases: refs.slice(0, SHOWN_REFERENCES), from: 'reference candidates' };
      return { cases: same.filter((x) => x.truth.status === 'normal' && x.assetId !== c.assetId).slice(0, SHOWN_REFERENCES), from: 'cases labelled normal' };
    },
    [c?.className, c?.assetId, promptVersionId],
  );
}
