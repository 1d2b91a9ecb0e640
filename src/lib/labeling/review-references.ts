/**
 * The normal references shown beside a case in review: the ones the run's prompt sent for its
 * class, else the class's reference candidates, else cases labelled normal. Reads walk the class
 * index and stop at the first few matches, so stepping through 10,000 cases never loads a class.
 */
import type { Case } from '@/core/model';
import { projectDb, type ProjectDb } from '@/lib/storage/db';

export interface ReviewReferences {
  cases: Case[];
  /** Where they come from, as the heading says it. */
  from: string;
}

export async function reviewReferences(focused: Case, promptVersionId: string | undefined, n = 6, db: ProjectDb = projectDb()): Promise<ReviewReferences> {
  const other = (c: Case) => c.assetId !== focused.assetId;
  const version = promptVersionId ? await db.promptVersions.get(promptVersionId) : undefined;
  const picked = (version?.body as { references?: Record<string, string[]> } | undefined)?.references?.[focused.className] ?? [];
  if (picked.length) {
    const cs = (await db.cases.bulkGet(picked)).filter((c): c is Case => !!c && other(c));
    if (cs.length) return { cases: cs.slice(0, n), from: 'the run’s prompt' };
  }
  const inClass = (keep: (c: Case) => boolean) => db.cases.where('className').equals(focused.className).filter((c) => keep(c) && other(c)).limit(n).toArray();
  const refs = await inClass((c) => c.role === 'reference');
  if (refs.length) return { cases: refs, from: 'reference candidates' };
  return { cases: await inClass((c) => c.truth.status === 'normal'), from: 'cases labelled normal' };
}
