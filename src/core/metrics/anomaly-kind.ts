/**
 * Metrics per kind of anomaly (MVTec LOCO: logical vs structural): each kind is scored on its own
 * anomalous cases together with all normal cases, so overkill is shared and recall is per kind.
 */
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import { computeMetrics, type FailurePolicy, type GroupMetrics } from '@/core/metrics/metrics';

export function metricsByAnomalyKind(rows: readonly CaseOutcome[], kindOf: ReadonlyMap<string, string>, policy: FailurePolicy = 'as-wrong'): Record<string, GroupMetrics> {
  const kinds = [...new Set(rows.flatMap((r) => (r.truth === 'anomalous' && kindOf.get(r.caseId) ? [kindOf.get(r.caseId)!] : [])))].sort();
  const out: Record<string, GroupMetrics> = {};
  for (const k of kinds) out[k] = computeMetrics(rows.filter((r) => r.truth === 'normal' || (r.truth === 'anomalous' && kindOf.get(r.caseId) === k)), policy).overall;
  return out;
}
