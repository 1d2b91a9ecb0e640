/** Live reads of runs, results and cases shared by the review, metrics and run views. */
import type { Case, Result, Run } from '@/core/model';
import { caseOutcomes, type CaseOutcome } from '@/core/metrics/case-outcome';
import { projectDb } from '@/lib/db';
import { useLiveQuery } from '@/lib/live-query';
import { useMemo } from 'react';

/** Runs, newest first. */
export function useRuns(): Run[] | undefined {
  return useLiveQuery(() => projectDb().runs.orderBy('createdAt').reverse().toArray(), []);
}

/** Test cases, in the order they were added. */
export function useTestCases(): Case[] | undefined {
  return useLiveQuery(() => projectDb().cases.orderBy('addedAt').filter((c) => c.role === 'test').toArray(), []);
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
