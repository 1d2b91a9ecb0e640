import { useEffect, useMemo, useState } from 'react';
import { runAblation } from '@/core/runs/run-params';
import { defaultRun } from '@/core/runs/run-label';
import type { Run } from '@/core/model';
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import { computeMetrics, curves, type FailurePolicy } from '@/core/metrics/metrics';
import { metricsByAnomalyKind } from '@/core/metrics/anomaly-kind';
import { useOutcomesForRuns, useRuns, useTestCases } from '@/lib/runs/run-data';
import { useUiStore } from '@/stores/ui-store';

/** Where the scores of the answers come from, and how many distinct values they take. */
function scoreSummary(rows: readonly CaseOutcome[] | undefined) {
  const src = new Map<string, number>();
  const distinct = new Set<number>();
  for (const r of rows ?? []) {
    if (r.outcome !== 'ok' || r.score === undefined) continue;
    src.set(r.scoreSource ?? 'unknown', (src.get(r.scoreSource ?? 'unknown') ?? 0) + 1);
    distinct.add(r.score);
  }
  return { sources: [...src.entries()].map(([k, n]) => `${k} ${n}`).join(' · '), distinct: distinct.size };
}

/** Runs of each ablation, by ablation group. */
function ablationGroups(runs: readonly Run[] | undefined): Map<string, Run[]> {
  const groups = new Map<string, Run[]>();
  for (const r of runs ?? []) {
    const g = runAblation(r)?.group;
    if (typeof g === 'string') groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  return groups;
}

/** The Metrics session: the runs ticked, the failure policy and threshold, and the metrics of the first run. */
export function useMetricsSession() {
  const runs = useRuns();
  const cases = useTestCases();
  const [picked, setPicked] = useState<string[]>();
  const [policy, setPolicy] = useState<FailurePolicy>('as-wrong');
  const [threshold, setThreshold] = useState(0.5);
  // A batch row's "Metrics" link opens here on its run.
  const runFocus = useUiStore((s) => s.runFocus);
  useEffect(() => {
    if (runFocus?.view === 'metrics') setPicked([runFocus.runId]);
  }, [runFocus]);
  const chosen = useMemo(() => {
    const first = runs ? defaultRun(runs) : undefined;
    return (picked ?? (first ? [first.id] : [])).filter((id) => runs?.some((r) => r.id === id));
  }, [picked, runs]);
  const outcomes = useOutcomesForRuns(chosen, cases);
  const names = useMemo(() => new Map((cases ?? []).map((c) => [c.id, c.name])), [cases]);
  const focusCase = useUiStore((s) => s.focusCase);
  const setSelection = useUiStore((s) => s.setSelection);
  const setView = useUiStore((s) => s.setView);
  /** Opens a case in Review. */
  const open = (id: string) => {
    focusCase(id);
    setSelection([id]);
    setView('review');
  };

  const primary = runs?.find((r) => r.id === chosen[0]);
  const detail = useMemo(() => {
    const rows = primary ? outcomes?.get(primary.id) : undefined;
    return rows ? { rows, report: computeMetrics(rows, policy), curve: curves(rows) } : undefined;
  }, [primary, outcomes, policy]);
  const rows = detail?.rows;
  const scoreInfo = useMemo(() => scoreSummary(rows), [rows]);
  const byKind = useMemo(() => {
    const kinds = new Map((cases ?? []).flatMap((c) => (c.truth.anomalyKind ? [[c.id, c.truth.anomalyKind] as const] : [])));
    return kinds.size && rows ? metricsByAnomalyKind(rows, kinds, policy) : undefined;
  }, [cases, rows, policy]);

  const chosenRuns = chosen.map((id) => runs?.find((r) => r.id === id)).filter((r): r is Run => !!r);
  const firstGroup = chosenRuns.length > 1 ? runAblation(chosenRuns[0])?.group : undefined;
  const ablationGroup = firstGroup !== undefined && chosenRuns.every((r) => runAblation(r)?.group === firstGroup);
  return {
    runs, cases, chosen, setPicked, toggle: (id: string) => setPicked(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]),
    policy, setPolicy, threshold, setThreshold, outcomes, names, open,
    primary, rows, report: detail?.report, curve: detail?.curve, scoreInfo, byKind,
    groups: ablationGroups(runs), chosenRuns, ablationGroup,
  };
}

export type MetricsSession = ReturnType<typeof useMetricsSession>;
