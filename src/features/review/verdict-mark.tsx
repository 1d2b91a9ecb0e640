import type { CaseOutcome } from '@/core/metrics/case-outcome';

/** The run's answer on a grid cell: verdict or failure, and the flip rate across repeats. */
export function VerdictMark({ o }: { o: CaseOutcome | undefined }) {
  if (!o) return null;
  return (
    <>
      {o.outcome !== 'ok' ? (
        <span className="rounded bg-red-950/90 px-1 text-[9px] font-semibold text-red-200 uppercase ring-1 ring-red-700/60" title={`The run’s answer: ${o.outcome}`}>{o.outcome}</span>
      ) : (
        <span data-verdict={o.verdict} title={`The run says ${o.verdict}`} className={`rounded px-1 text-[9px] font-semibold uppercase ring-1 ${o.verdict === 'anomalous' ? 'bg-rose-900/90 text-rose-100 ring-rose-500/60' : 'bg-emerald-900/90 text-emerald-100 ring-emerald-500/60'}`}>{o.verdict === 'anomalous' ? 'run: anom' : 'run: normal'}</span>
      )}
      {o.flipRate > 0 && <span className="rounded bg-amber-900/90 px-1 text-[9px] font-semibold text-amber-100" title={`${Math.round(o.flipRate * 100)}% of repeats disagree with the majority`}>⇄ {Math.round(o.flipRate * 100)}%</span>}
    </>
  );
}
