/** Comparing runs on the same cases: restrict to shared cases, list verdict flips. */
import type { Verdict } from '@/core/model';
import type { CaseOutcome } from '@/core/metrics/case-outcome';

/** Each run's rows restricted to the cases every run answered or failed on (same order as the first run). */
export function onSharedCases(runs: readonly (readonly CaseOutcome[])[]): CaseOutcome[][] {
  if (runs.length === 0) return [];
  let shared = new Set(runs[0].map((o) => o.caseId));
  for (const r of runs.slice(1)) {
    const ids = new Set(r.map((o) => o.caseId));
    shared = new Set([...shared].filter((id) => ids.has(id)));
  }
  return runs.map((r) => r.filter((o) => shared.has(o.caseId)));
}

export interface Flip {
  caseId: string;
  className: string;
  truth: CaseOutcome['truth'];
  /** Verdict or failure status in run A and run B. */
  a: Verdict | 'error' | 'unparsed' | 'refused';
  b: Verdict | 'error' | 'unparsed' | 'refused';
  /** Which run got it right, when the case is labelled and exactly one did. */
  rightIn?: 'a' | 'b';
}

const answer = (o: CaseOutcome) => (o.outcome === 'ok' && o.verdict ? o.verdict : o.outcome === 'ok' ? 'unparsed' : o.outcome);

/** Cases whose answer differs between two runs (failures count as answers of their own). */
export function verdictFlips(a: readonly CaseOutcome[], b: readonly CaseOutcome[]): Flip[] {
  const byId = new Map(b.map((o) => [o.caseId, o]));
  const out: Flip[] = [];
  for (const x of a) {
    const y = byId.get(x.caseId);
    if (!y) continue;
    const av = answer(x);
    const bv = answer(y);
    if (av === bv) continue;
    const labelled = x.truth === 'normal' || x.truth === 'anomalous';
    const aRight = labelled && av === x.truth;
    const bRight = labelled && bv === x.truth;
    out.push({ caseId: x.caseId, className: x.className, truth: x.truth, a: av, b: bv, rightIn: aRight && !bRight ? 'a' : bRight && !aRight ? 'b' : undefined });
  }
  return out;
}
