import { useMemo } from 'react';
import type { Run } from '@/core/model';
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import { onSharedCases } from '@/core/metrics/compare';
import { computeMetrics, type FailurePolicy, type GroupMetrics } from '@/core/metrics/metrics';
import { MODALITY_VARIANTS, modalityOfLabel, RETRIEVED_PREFIX } from '@/core/runs/ablation';
import { pct } from '@/features/metrics/metric-format';

const ORDER = ['task only', 'context', 'rules', 'rules + context', 'refs', 'refs + context', 'refs + rules', 'refs + rules + context'];
// Retrieved-reference variants sit right after their fixed twin; modality variants come last.
function rank(label: string): number {
  const modality = modalityOfLabel(label);
  if (modality) return ORDER.length + MODALITY_VARIANTS.findIndex((m) => m.label === modality);
  return label.startsWith(RETRIEVED_PREFIX) ? ORDER.indexOf(label.slice(RETRIEVED_PREFIX.length)) + 0.5 : ORDER.indexOf(label);
}

function Cells({ m }: { m: GroupMetrics | undefined }) {
  if (!m) return <td colSpan={3} className="px-2 text-center text-zinc-600">—</td>;
  return (
    <>
      <td className="border-l border-zinc-800 px-2 text-right tabular-nums">{pct(m.accuracy.value)}</td>
      <td className={`px-2 text-right tabular-nums ${(m.overkill.value ?? 0) > 0.2 ? 'text-rose-300' : 'text-zinc-400'}`}>{pct(m.overkill.value, 0)}</td>
      <td className={`px-2 text-right tabular-nums ${(m.miss.value ?? 0) > 0.2 ? 'text-rose-300' : 'text-zinc-400'}`}>{pct(m.miss.value, 0)}</td>
    </>
  );
}

/** The knowledge ablation as researchers tabulate it: one row per cell, accuracy / overkill / miss per class. */
export function AblationTable({ runs, outcomes, policy }: { runs: Run[]; outcomes: Map<string, CaseOutcome[]>; policy: FailurePolicy }) {
  const sorted = useMemo(() => [...runs].sort((a, b) => rank(a.variant?.label ?? '') - rank(b.variant?.label ?? '')), [runs]);
  const reports = useMemo(() => onSharedCases(sorted.map((r) => outcomes.get(r.id) ?? [])).map((rows) => computeMetrics(rows, policy)), [sorted, outcomes, policy]);
  const classes = useMemo(() => [...new Set(reports.flatMap((r) => Object.keys(r.perClass)))].sort(), [reports]);
  const accs = reports.map((r) => r.overall.accuracy.value ?? -1);
  const best = Math.max(...accs);
  // Highlight a winner only when there is one.
  const hasBest = accs.some((a) => a !== best);
  const anyModality = sorted.some((r) => modalityOfLabel(r.variant?.label ?? ''));
  const mark = (on: boolean | undefined) => (on ? <span className="text-emerald-300">✓</span> : <span className="text-zinc-700">·</span>);
  return (
    <section className="space-y-2" data-testid="ablation-table">
      <h2 className="text-sm font-semibold">Knowledge ablation <span className="font-normal text-zinc-500">— task always sent; accuracy / overkill / miss on the same {reports[0]?.overall.labelled ?? 0} labelled cases</span></h2>
      <div className="overflow-x-auto">
        <table className="text-xs">
          <thead>
            <tr className="text-[10px] text-zinc-500 uppercase">
              <th className="px-1.5 font-medium">Refs</th>
              <th className="px-1.5 font-medium">Rules</th>
              <th className="px-1.5 font-medium">Context</th>
              {anyModality && <th className="px-1.5 font-medium" title="What scans with a photo send">Scans send</th>}
              {[...classes, 'Overall'].map((k) => <th key={k} colSpan={3} className="border-l border-zinc-800 px-2 text-center font-medium normal-case">{k}</th>)}
            </tr>
            <tr className="text-[10px] text-zinc-600">
              <th /><th /><th />
              {anyModality && <th />}
              {[...classes, 'Overall'].map((k) => (
                <th key={k} colSpan={3} className="border-l border-zinc-800 px-2 text-center font-normal">acc · overkill · miss</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r, i) => {
              const label = r.variant?.label ?? '';
              const rep = reports[i];
              const top = hasBest && rep.overall.accuracy.value === best;
              return (
                <tr key={r.id} className={`border-t border-zinc-800 ${top ? 'bg-emerald-950/30' : ''}`} data-testid="ablation-row" title={label}>
                  <td className="px-1.5 text-center">{label.startsWith(RETRIEVED_PREFIX) ? <span className="text-sky-300" title="references retrieved per query">retrieved</span> : mark(label.includes('refs'))}</td>
                  <td className="px-1.5 text-center">{mark(label.includes('rules'))}</td>
                  <td className="px-1.5 text-center">{mark(label.includes('context'))}</td>
                  {anyModality && <td className="px-1.5 whitespace-nowrap text-zinc-300" data-testid="ablation-modality">{modalityOfLabel(label) ?? <span className="text-zinc-500">as set</span>}</td>}
                  {classes.map((c) => <Cells key={c} m={rep.perClass[c]} />)}
                  <Cells m={rep.overall} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="text-[11px] text-zinc-500">The highlighted row has the best overall accuracy (none when all tie). Overkill or miss above 20% is shown in rose.</p>
    </section>
  );
}
