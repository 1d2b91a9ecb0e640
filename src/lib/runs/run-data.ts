/** Live reads of runs, results and cases shared by the review, metrics and run views. */
import type { Case, Result, Run } from '@/core/model';
import { caseOutcomes, type CaseOutcome } from '@/core/metrics/case-outcome';
import { countOutcomes, type OutcomeCounts } from '@/core/runs/outcome-counts';
import { projectDb } from '@/lib/storage/db';
import { useLiveQuery } from '@/lib/storage/live-query';
import { useMemo } from 'react';

/** Runs, newest first. */
export function useRuns(): Run[] | undefined {
  return useLiveQuery(() => projectDb().runs.orderBy('createdAt').reverse().toArray(), []);
}

/** Test cases, in the order they were added. */
export function useTestCases(): Case[] | undefined {
  // An index getAll and a sort in memory: a cursor over 10,000 rows is several times slower.
  return useLiveQuery(async () => (await projectDb().cases.where('role').equals('test').toArray()).sort((a, b) => a.addedAt - b.addedAt), []);
}

export function useRunResults(runId: string | undefined): Result[] | undefined {
  return useLiveQuery(() => (runId ? projectDb().results.where('runId').equals(runId).toArray() : []), [runId]);
}

/** Per case of the run: the folded outcome (majority verdict, votes, flips) and its answers. */
export function useRunOutcomes(runId: string | undefined, cases: readonly Case[] | undefined) {
  const results = useRunResults(runId);
  return useMemo(() => {
    const byCase = new Map<string, Result[]>();
    for (const r of results ?? []) {
      const l = byCase.get(r.caseId);
      if (l) l.push(r);
      else byCase.set(r.caseId, [r]);
    }
    const outcomes = new Map<string, CaseOutcome>();
    for (const o of caseOutcomes(cases ?? [], results ?? [])) outcomes.set(o.caseId, o);
    return { results, byCase, outcomes };
  }, [results, cases]);
}

/** Folded outcomes of several runs at once, keyed by run id. */
export function useOutcomesForRuns(runIds: readonly string[], cases: readonly Case[] | undefined): Map<string, CaseOutcome[]> | undefined {
  const key = runIds.join('|');
  const results = useLiveQuery(() => (runIds.length ? projectDb().results.where('runId').anyOf([...runIds]).toArray() : []), [key]);
  return useMemo(() => {
    if (!results || !cases) return undefined;
    const byRun = new Map<string, Result[]>();
    for (const r of results) {
      const l = byRun.get(r.runId);
      if (l) l.push(r);
      else byRun.set(r.runId, [r]);
    }
    const out = new Map<string, CaseOutcome[]>();
    for (const id of key ? key.split('|') : []) out.set(id, caseOutcomes(cases, byRun.get(id) ?? []));
    return out;
  }, [results, cases, key]);
}

/** Token usage of recent answers of one model (not copies), for cost estimates before a run. */
export function useModelUsage(model: string): { promptTokens: number; completionTokens: number }[] | undefined {
  return useLiveQuery(async () => {
    const db = projectDb();
    // The five newest runs of the model are plenty for a mean, and keep the read small in big projects.
    const runs = await db.runs.orderBy('createdAt').reverse().filter((r) => r.detector === 'vlm' && r.provider?.model === model).limit(5).toArray();
    const runIds = runs.map((r) => r.id);
    if (!runIds.length) return [];
    const rs = await db.results.where('runId').anyOf(runIds).toArray();
    return rs.filter((r) => r.usage && !r.reusedFrom).slice(-200).map((r) => r.usage!);
  }, [model]);
}

/** Stored answers of each of the given runs, counted by outcome. */
export function useRunCounts(runIds: readonly string[]): Record<string, OutcomeCounts> | undefined {
  const key = runIds.join('|');
  return useLiveQuery(async () => {
    const rs = runIds.length ? await projectDb().results.where('runId').anyOf([...runIds]).toArray() : [];
    const byRun = new Map<string, Result[]>();
    for (const r of rs) {
      const l = byRun.get(r.runId);
      if (l) l.push(r);
      else byRun.set(r.runId, [r]);
    }
    const out: Record<string, OutcomeCounts> = {};
    for (const [id, l] of byRun) out[id] = countOutcomes(l);
    return out;
  }, [key]);
}

/** The answers (all repeats) of one run for one case. */
export function useCellResults(runId: string | undefined, caseId: string | undefined): Result[] | undefined {
  return useLiveQuery(() => (runId && caseId ? projectDb().results.where('[runId+caseId]').equals([runId, caseId]).toArray() : []), [runId, caseId]);
}
