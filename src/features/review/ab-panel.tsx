import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatUsd } from '@/components/format';
import { AB_RATES, compareAb } from '@/core/knowledge/ab-compare';
import type { Rate } from '@/core/metrics/rates';
import { createAbRuns, planAb, useAbRuns, type AbRecord } from '@/lib/runs/ab-test';
import { useLeaks } from '@/lib/knowledge/store';
import { useOutcomesForRuns, useTestCases } from '@/lib/runs/run-data';
import { useBatchStore } from '@/stores/batch-store';
import { useProviderStore } from '@/stores/provider-store';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
const interval = (r: Rate) => (r.lo === null || r.hi === null ? '' : `${pct(r.lo)}–${pct(r.hi)}`);

/** One-click A/B of the old and new prompt version on the class's labelled cases: cost first, then the comparison. */
export function AbPanel({ versionA, versionB, className }: { versionA: string; versionB: string; className: string }) {
  const { config, prices } = useProviderStore();
  const startInTurn = useBatchStore((s) => s.startInTurn);
  const [record, setRecord] = useState<AbRecord>();
  const [error, setError] = useState<string>();
  const plan = useQuery({
    queryKey: ['ab-plan', versionA, versionB, className, config.baseURL, config.model],
    queryFn: () => planAb({ versionA, versionB, className, provider: config, prices }),
    enabled: !record,
    retry: false,
    staleTime: Infinity,
  });
  const runs = useAbRuns(record);
  const cases = useTestCases();
  const outcomes = useOutcomesForRuns(record ? [record.runA, record.runB] : [], cases);
  const leaks = useLeaks();
  const names = useMemo(() => new Map((cases ?? []).map((c) => [c.id, c.name])), [cases]);
  const comparison = useMemo(() => (record && outcomes ? compareAb(outcomes.get(record.runA) ?? [], outcomes.get(record.runB) ?? [], className) : undefined), [record, outcomes, className]);

  const start = async () => {
    if (!plan.data) return;
    setError(undefined);
    try {
      const r = await createAbRuns(plan.data, { presetId: config.presetId, baseURL: config.baseURL, model: config.model });
      setRecord(r);
      void startInTurn([r.runA, r.runB]).catch((e: unknown) => setError(e instanceof Error ? e.message : 'The A/B runs could not be started.'));
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The A/B runs could not be created.');
    }
  };

  const p = plan.data;
  const calls = p ? p.a.calls + p.b.calls : 0;
  const cost = p && p.a.costUsd !== undefined && p.b.costUsd !== undefined ? p.a.costUsd + p.b.costUsd : undefined;
  const done = runs?.length === 2 && runs.every((r) => r.status === 'done');
  return (
    <div className="mt-2 space-y-2 rounded-md border border-sky-900/60 bg-sky-950/10 p-2.5 text-xs" data-testid="ab-panel">
      <div className="font-medium text-sky-200">A/B on the labelled {className} cases: old v{p?.a.version.version ?? '…'} vs new v{p?.b.version.version ?? '…'}</div>
      {plan.isError && <p role="alert" className="text-rose-300">{plan.error instanceof Error ? plan.error.message : 'The A/B could not be planned.'}</p>}
      {!record && plan.isFetching && <p className="text-zinc-500">Pricing the requests…</p>}
      {!record && p && (
        <>
          <p className="text-zinc-300" data-testid="ab-estimate">
            {p.caseIds.length} labelled cases. Old version: {p.a.reusable} answers reused, {p.a.calls} calls. New version: {p.b.calls} calls. Cost at most {formatUsd(cost)}
            {cost === undefined ? ' (no price for this model)' : ''}.
          </p>
          {p.problems.map((m) => (
            <p key={m} className="text-amber-300">{m}</p>
          ))}
          <Button tone="primary" className="px-2 py-1 text-xs" onClick={() => void start()}>
            Run A/B ({calls} call{calls === 1 ? '' : 's'})
          </Button>
        </>
      )}
      {error && <p role="alert" className="text-rose-300">{error}</p>}
      {record && !done && <p className="text-zinc-400" role="status">Running the A/B… {runs?.map((r) => r.status).join(' · ')}</p>}
      {record && done && comparison && (
        <div className="space-y-2" data-testid="ab-result">
          <table className="w-full tabular-nums">
            <thead>
              <tr className="text-[10px] text-zinc-500 uppercase">
                <th className="text-left font-medium">{className}</th>
                {AB_RATES.map((k) => <th key={k} className="text-right font-medium">{k}</th>)}
              </tr>
            </thead>
            <tbody>
              {(['a', 'b'] as const).map((side) => (
                <tr key={side} className="border-t border-zinc-800" data-testid={`ab-row-${side}`}>
                  <td className="py-0.5 text-zinc-300">{side === 'a' ? 'old' : 'new'}</td>
                  {AB_RATES.map((k) => (
                    <td key={k} className="text-right text-zinc-200">
                      {pct(comparison[side][k].value)} <span className="text-[10px] text-zinc-500">{interval(comparison[side][k])}</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className={AB_RATES.every((k) => comparison.overlaps[k]) ? 'rounded bg-amber-950/50 p-1.5 text-amber-200' : 'text-zinc-300'} data-testid="ab-summary">{comparison.summary}</p>
          <div>
            <div className="text-[11px] text-zinc-500">Flipped cases ({comparison.flips.length})</div>
            <ul aria-label="Flipped cases" className="space-y-0.5">
              {comparison.flips.map((f) => (
                <li key={f.caseId} className="flex items-center gap-1.5" data-testid="ab-flip">
                  <span className="min-w-0 flex-1 truncate text-zinc-300" title={names.get(f.caseId)}>{names.get(f.caseId) ?? f.caseId}</span>
                  <span className="text-zinc-500">{f.truth}:</span>
                  <span>{f.a} → {f.b}</span>
                  {f.rightIn && <Badge tone={f.rightIn === 'b' ? 'normal' : 'anomalous'}>{f.rightIn === 'b' ? 'fixed' : 'broken'}</Badge>}
                  {leaks?.[f.caseId] && <Badge tone="unsure" title={leaks[f.caseId].why}>possibly leaked</Badge>}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
