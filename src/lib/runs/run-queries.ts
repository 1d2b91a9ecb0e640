/** Live reads of runs and answers for the Runs, Share and video views, one hook per question. */
import type { Case, Result, Run } from '@/core/model';
import { chooseReferences, promptReferenceIds } from '@/core/knowledge/reference-choice';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { useLiveQuery } from '@/lib/storage/live-query';

/** Ids of runs left running or paused in this browser (not those waiting at the Batch API). */
export function useStoppedRunIds(): string[] {
  return useLiveQuery(async () => (await projectDb().runs.filter((r) => (r.status === 'running' || r.status === 'paused') && !r.batchJobs).primaryKeys()) as string[], [], [] as string[]);
}

/** How many runs are waiting for answers from a Batch API. */
export function useBatchApiRunCount(): number {
  return useLiveQuery(() => projectDb().runs.filter((r) => r.status === 'running' && !!r.batchJobs).count(), [], 0);
}

/** Every answer ever given for one case, newest first. */
export function useCaseResults(caseId: string | undefined): Result[] | undefined {
  return useLiveQuery(async () => (caseId ? projectDb().results.where('caseId').equals(caseId).reverse().sortBy('createdAt') : []), [caseId]);
}

/** The runs with these ids, by id (missing ones left out). */
export function useRunsById(runIds: readonly string[]): Map<string, Run> | undefined {
  const key = runIds.join('|');
  return useLiveQuery(async () => {
    const runs = await projectDb().runs.bulkGet(key ? key.split('|') : []);
    return new Map(runs.filter((r): r is Run => !!r).map((r) => [r.id, r]));
  }, [key]);
}

/** Every answer given for any of these cases. */
export function useResultsOfCases(caseIds: readonly string[]): Result[] | undefined {
  const key = caseIds.join('|');
  return useLiveQuery(async () => (key ? projectDb().results.where('caseId').anyOf(key.split('|')).toArray() : []), [key]);
}

export interface AnsweredCase {
  c: Case | undefined;
  /** The run's first answer (lowest repeat) for the case. */
  r: Result | undefined;
  /** Up to four normal references to show beside it. */
  refs: Case[];
  /** Where the references come from, as a phrase. */
  refsFrom: string;
}

/** A case with a run's answer and the references to show next to it (those the run sent, else the class's candidates). */
export async function answeredCase(caseId: string | undefined, runId: string | undefined, db: ProjectDb = projectDb()): Promise<AnsweredCase> {
  const c = caseId ? await db.cases.get(caseId) : undefined;
  if (!c) return { c: undefined, r: undefined, refs: [], refsFrom: '' };
  const r = runId ? ((await db.results.where('[runId+caseId]').equals([runId, c.id]).toArray()).sort((a, b) => a.rep - b.rep)[0] as Result | undefined) : undefined;
  // The references the run sent for this class (a swapped-reference control sent another class's), else the class's candidates.
  const run = runId ? await db.runs.get(runId) : undefined;
  const version = run?.promptVersionId ? await db.promptVersions.get(run.promptVersionId) : undefined;
  const sent = promptReferenceIds(version?.body, c.className, run?.params.control?.referenceOverride?.[c.className]);
  const sentCases = run?.detector === 'vlm' && sent.length ? (await db.cases.bulkGet(sent)).filter((x): x is Case => !!x) : [];
  const chosen = chooseReferences(c, sentCases, await db.cases.where('className').equals(c.className).toArray(), { limit: 4, byName: true, normals: false });
  return { c, r, refs: chosen.cases, refsFrom: chosen.source === 'prompt' ? 'sent with this answer' : 'reference candidates of the class' };
}

export function useAnsweredCase(caseId: string | undefined, runId: string | undefined): AnsweredCase | undefined {
  return useLiveQuery(() => answeredCase(caseId, runId), [caseId, runId]);
}
