import { useMemo, useState } from 'react';
import { listedRuns, runLabel } from '@/core/runs/run-label';
import type { Run } from '@/core/model';
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import { computeMetrics, matrixAtThreshold, type FailurePolicy, type GroupMetrics, type MatrixCell } from '@/core/metrics/metrics';
import { onSharedCases, verdictFlips } from '@/core/metrics/compare';
import { usePromptVersionNames } from '@/lib/prompt/prompt-queries';
import { useMetricsSession, type MetricsSession } from '@/features/metrics/use-metrics-session';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PrChart, RocChart } from '@/features/metrics/curve-chart';
import { num, pct, RankCell, RateCell, reasonText } from '@/features/metrics/metric-format';
import { AblationTable } from '@/features/metrics/ablation-table';
import { LocalisationTable } from '@/features/metrics/localisation-table';

function RunChecklist({ runs, chosen, toggle }: { runs: readonly Run[]; chosen: readonly string[]; toggle: (id: string) => void }) {
  return (
    <ul className="space-y-1">
      {runs.map((r) => (
            <li key={r.id}>
              <label className={`flex cursor-pointer items-start gap-2 rounded-md px-2 py-1.5 text-xs ${chosen[0] === r.id ? 'bg-zinc-800' : 'hover:bg-zinc-900'}`}>
                <input type="checkbox" checked={chosen.includes(r.id)} onChange={() => toggle(r.id)} className="mt-0.5 accent-sky-500" aria-label={`Compare ${runLabel(r)}`} />
                <span className="min-w-0">
                  <span className="block truncate text-zinc-100">{runLabel(r)}</span>
                  <span className="block truncate text-[10px] text-zinc-500">{r.provider?.model ?? r.detector} · {r.caseIds.length} cases{r.repeat > 1 ? ` × ${r.repeat}` : ''} · {r.status}</span>
                </span>
              </label>
            </li>
          ))}
    </ul>
  );
}

function MetricsRow({ name, m, strong }: { name: string; m: GroupMetrics; strong?: boolean }) {
  const failed = m.failed.normal + m.failed.anomalous;
  return (
    <tr className={`border-t border-zinc-800 ${strong ? 'bg-zinc-900/80 font-semibold' : ''}`}>
      <td className="py-1.5 pr-2 text-left">{name}</td>
      <td className="px-2 text-right tabular-nums">{m.labelled}<span className="text-[10px] text-zinc-500"> ({m.anomalous}a/{m.normal}n)</span></td>
      <td className="px-2 text-right tabular-nums">{failed ? <span className="text-red-300">{failed}</span> : <span className="text-zinc-600">0</span>}</td>
      <td className="px-2 text-right tabular-nums"><RateCell r={m.accuracy} /></td>
      <td className="px-2 text-right tabular-nums">{pct(m.balancedAccuracy)}</td>
      <td className="px-2 text-right tabular-nums"><RateCell r={m.precision} /></td>
      <td className="px-2 text-right tabular-nums"><RateCell r={m.recall} /></td>
      <td className="px-2 text-right tabular-nums">{num(m.f1)}</td>
      <td className="px-2 text-right tabular-nums"><RateCell r={m.overkill} tone="bad" /></td>
      <td className="px-2 text-right tabular-nums"><RateCell r={m.miss} tone="bad" /></td>
      <td className="px-2 text-right tabular-nums"><RankCell m={m.auroc} /></td>
      <td className="pl-2 text-right tabular-nums"><RankCell m={m.averagePrecision} /></td>
    </tr>
  );
}

const HEAD = ['Class', 'Labelled', 'Failed', 'Accuracy', 'Bal. acc.', 'Precision', 'Recall', 'F1', 'Overkill', 'Miss', 'AUROC', 'AP'];

function MetricsTable({ perClass, overall }: { perClass: Record<string, GroupMetrics>; overall: GroupMetrics }) {
  return (
    <table className="w-full text-xs" data-testid="metrics-table">
      <thead>
        <tr className="text-[10px] tracking-wide text-zinc-500 uppercase">
          {HEAD.map((h, i) => <th key={h} className={`pb-1 font-medium ${i === 0 ? 'text-left' : 'px-2 text-right'}`}>{h}</th>)}
        </tr>
      </thead>
      <tbody>
        {Object.entries(perClass).map(([k, m]) => <MetricsRow key={k} name={k} m={m} />)}
        <MetricsRow name="Overall" m={overall} strong />
      </tbody>
    </table>
  );
}

const CELL_TITLES: Record<MatrixCell, string> = {
  tp: 'Anomalous, called anomalous',
  fn: 'Anomalous, called normal (miss)',
  'failed-anomalous': 'Anomalous, answer failed',
  fp: 'Normal, called anomalous (overkill)',
  tn: 'Normal, called normal',
  'failed-normal': 'Normal, answer failed',
};

function MatrixButton({ c, good, count, active, onClick }: { c: MatrixCell; good?: boolean; count: number; active: boolean; onClick: (c: MatrixCell) => void }) {
  return (
    <td className="p-0.5">
      <button
        type="button"
        onClick={() => onClick(c)}
        aria-pressed={active}
        title={CELL_TITLES[c]}
        data-testid={`cell-${c}`}
        className={`w-full rounded px-2 py-2 text-center text-sm tabular-nums ring-1 ${active ? 'ring-sky-400' : 'ring-transparent'} ${c.startsWith('failed') ? 'bg-red-950/60 text-red-200' : good ? 'bg-emerald-950/60 text-emerald-100' : 'bg-rose-950/60 text-rose-100'} hover:brightness-125`}
      >
        {count}
      </button>
    </td>
  );
}

function ThresholdMatrix({ rows, scored, names, onOpen, t, setT }: { rows: CaseOutcome[]; scored: boolean; names: Map<string, string>; onOpen: (id: string) => void; t: number; setT: (t: number) => void }) {
  const [cell, setCell] = useState<MatrixCell>();
  const m = useMemo(() => matrixAtThreshold(rows, t), [rows, t]);
  const byId = useMemo(() => new Map(rows.map((r) => [r.caseId, r])), [rows]);
  const toggle = (c: MatrixCell) => setCell(cell === c ? undefined : c);
  const Cell = MatrixButton;
  return (
    <div className="space-y-2">
      <label className="flex items-center gap-2 text-xs text-zinc-300">
        Threshold
        <input type="range" min={0} max={1} step={0.01} value={t} disabled={!scored} onChange={(e) => setT(+e.target.value)} className="flex-1 accent-amber-500" aria-label="Threshold" />
        <span className="w-10 font-mono tabular-nums">{t.toFixed(2)}</span>
      </label>
      <p className="text-[11px] text-zinc-500">{scored ? 'Score ≥ threshold is called anomalous; answers without a score keep their verdict.' : 'No continuous scores: the matrix shows the verdicts as given.'}</p>
      <table className="w-full text-xs" data-testid="threshold-matrix">
        <thead>
          <tr className="text-[10px] text-zinc-500"><th className="text-left font-medium">label ↓ · called →</th><th className="font-medium">anomalous</th><th className="font-medium">normal</th><th className="font-medium">failed</th></tr>
        </thead>
        <tbody>
          <tr><th className="pr-2 text-right text-[10px] font-medium text-zinc-400">anomalous</th><Cell c="tp" good count={m.counts.tp} active={cell === 'tp'} onClick={toggle} /><Cell c="fn" count={m.counts.fn} active={cell === 'fn'} onClick={toggle} /><Cell c="failed-anomalous" count={m.counts['failed-anomalous']} active={cell === 'failed-anomalous'} onClick={toggle} /></tr>
          <tr><th className="pr-2 text-right text-[10px] font-medium text-zinc-400">normal</th><Cell c="fp" count={m.counts.fp} active={cell === 'fp'} onClick={toggle} /><Cell c="tn" good count={m.counts.tn} active={cell === 'tn'} onClick={toggle} /><Cell c="failed-normal" count={m.counts['failed-normal']} active={cell === 'failed-normal'} onClick={toggle} /></tr>
        </tbody>
      </table>
      {cell && (
        <div className="rounded-md border border-zinc-800 bg-zinc-900/60 p-2" data-testid="cell-cases">
          <p className="mb-1 text-[11px] text-zinc-400">{CELL_TITLES[cell]} at {t.toFixed(2)}: {m.cases[cell].length} case{m.cases[cell].length === 1 ? '' : 's'}</p>
          <ul className="max-h-40 space-y-0.5 overflow-y-auto text-xs">
            {m.cases[cell].map((id) => (
              <li key={id}>
                <button type="button" className="flex w-full justify-between gap-2 rounded px-1 text-left hover:bg-zinc-800" onClick={() => onOpen(id)} title="Open in Review">
                  <span className="truncate">{names.get(id) ?? id}</span>
                  <span className="shrink-0 font-mono text-zinc-500">{byId.get(id)?.score?.toFixed(2) ?? '—'}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

type CompareMetric = 'accuracy' | 'balancedAccuracy' | 'overkill' | 'miss' | 'auroc';
const COMPARE_METRICS: { id: CompareMetric; title: string }[] = [
  { id: 'accuracy', title: 'Accuracy' },
  { id: 'balancedAccuracy', title: 'Balanced accuracy' },
  { id: 'overkill', title: 'Overkill' },
  { id: 'miss', title: 'Miss' },
  { id: 'auroc', title: 'AUROC' },
];

function pick(m: GroupMetrics, k: CompareMetric): string {
  if (k === 'balancedAccuracy') return pct(m.balancedAccuracy);
  if (k === 'auroc') return m.auroc.value === null ? 'n/a' : m.auroc.value.toFixed(3);
  return pct(m[k].value);
}

/** Runs side by side on the cases they share: overall row per run, then class × run for one metric. */
export function RunComparison({ runs, outcomes, policy, names, onOpen }: { runs: Run[]; outcomes: Map<string, CaseOutcome[]>; policy: FailurePolicy; names: Map<string, string>; onOpen: (id: string) => void }) {
  const [metric, setMetric] = useState<CompareMetric>('accuracy');
  const shared = useMemo(() => onSharedCases(runs.map((r) => outcomes.get(r.id) ?? [])), [runs, outcomes]);
  const reports = useMemo(() => shared.map((rows) => computeMetrics(rows, policy)), [shared, policy]);
  const classes = useMemo(() => [...new Set(reports.flatMap((r) => Object.keys(r.perClass)))].sort(), [reports]);
  const flips = useMemo(() => (shared.length >= 2 ? verdictFlips(shared[0], shared[1]) : []), [shared]);
  const versionNames = usePromptVersionNames(runs.map((r) => r.promptVersionId ?? ''));
  return (
    <section className="space-y-3" data-testid="run-comparison">
      <h2 className="text-sm font-semibold">Run comparison <span className="font-normal text-zinc-500">on the {shared[0]?.length ?? 0} cases all {runs.length} runs share</span></h2>
      <table className="w-full text-xs">
        <thead>
          <tr className="text-[10px] tracking-wide text-zinc-500 uppercase">
            {['Run', 'Model', 'Prompt', 'Failed', 'Accuracy', 'Bal. acc.', 'Overkill', 'Miss', 'F1', 'AUROC', 'AP'].map((h, i) => <th key={h} className={`pb-1 font-medium ${i < 3 ? 'text-left' : 'px-2 text-right'}`}>{h}</th>)}
          </tr>
        </thead>
        <tbody>
          {runs.map((r, i) => {
            const m = reports[i].overall;
            return (
              <tr key={r.id} className="border-t border-zinc-800" data-testid="comparison-row">
                <td className="py-1.5 pr-2">{runLabel(r)}</td>
                <td className="pr-2 text-zinc-400">{r.provider?.model ?? r.detector}</td>
                <td className="pr-2 text-zinc-400">{versionNames?.get(r.promptVersionId ?? '') ?? '—'}</td>
                <td className="px-2 text-right tabular-nums">{m.failed.normal + m.failed.anomalous}</td>
                <td className="px-2 text-right tabular-nums"><RateCell r={m.accuracy} /></td>
                <td className="px-2 text-right tabular-nums">{pct(m.balancedAccuracy)}</td>
                <td className="px-2 text-right tabular-nums"><RateCell r={m.overkill} tone="bad" /></td>
                <td className="px-2 text-right tabular-nums"><RateCell r={m.miss} tone="bad" /></td>
                <td className="px-2 text-right tabular-nums">{num(m.f1)}</td>
                <td className="px-2 text-right tabular-nums"><RankCell m={m.auroc} /></td>
                <td className="pl-2 text-right tabular-nums"><RankCell m={m.averagePrecision} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <div className="flex items-center gap-2 pt-2">
        <h3 className="text-xs font-semibold text-zinc-300">Per class</h3>
        <div className="flex gap-1">
          {COMPARE_METRICS.map((c) => (
            <button key={c.id} type="button" aria-pressed={metric === c.id} onClick={() => setMetric(c.id)} className={`rounded px-2 py-0.5 text-[11px] ${metric === c.id ? 'bg-sky-600 text-white' : 'bg-zinc-800 text-zinc-300 hover:bg-zinc-700'}`}>{c.title}</button>
          ))}
        </div>
      </div>
      <div className="overflow-x-auto">
        <table className="text-xs" data-testid="per-class-comparison">
          <thead>
            <tr className="text-[10px] text-zinc-500">
              <th className="pb-1 pr-3 text-left font-medium uppercase">Class</th>
              {runs.map((r) => <th key={r.id} className="max-w-40 px-2 pb-1 text-right font-medium">{runLabel(r)}</th>)}
            </tr>
          </thead>
          <tbody>
            {[...classes, ''].map((k) => (
              <tr key={k || 'overall'} className={`border-t border-zinc-800 ${k ? '' : 'font-semibold'}`}>
                <td className="py-1 pr-3">{k || 'Overall'}</td>
                {reports.map((rep, i) => {
                  const m = k ? rep.perClass[k] : rep.overall;
                  return <td key={runs[i].id} className="px-2 text-right tabular-nums">{m ? pick(m, metric) : '—'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {runs.length >= 2 && (
        <div>
          <h3 className="mb-1 text-xs font-semibold text-zinc-300">Flipped between “{runLabel(runs[0])}” and “{runLabel(runs[1])}”: {flips.length} case{flips.length === 1 ? '' : 's'}</h3>
          <ul className="max-h-56 space-y-0.5 overflow-y-auto text-xs" data-testid="flip-list">
            {flips.map((f) => (
              <li key={f.caseId}>
                <button type="button" onClick={() => onOpen(f.caseId)} className="grid w-full grid-cols-[1fr_90px_90px_90px] items-center gap-2 rounded px-1 py-0.5 text-left hover:bg-zinc-800">
                  <span className="truncate">{names.get(f.caseId) ?? f.caseId}</span>
                  <span className="text-zinc-500">label {f.truth}</span>
                  <span className={f.rightIn === 'a' ? 'text-emerald-300' : f.rightIn === 'b' ? 'text-rose-300' : ''}>A: {f.a}</span>
                  <span className={f.rightIn === 'b' ? 'text-emerald-300' : f.rightIn === 'a' ? 'text-rose-300' : ''}>B: {f.b}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The Metrics tab: runs to tick on the left, the first one's metrics and curves, and a comparison of the others. */
export function MetricsView() {
  const s = useMetricsSession();
  const { runs, cases, chosen, outcomes, primary, report, rows, policy } = s;
  if (runs === undefined || cases === undefined) return <div className="p-6 text-sm text-zinc-500">Loading runs…</div>;
  if (runs.length === 0) return <EmptyState title="No runs yet">Run a prompt over labelled cases in the Runs tab; their accuracy, overkill, miss, AUROC and AP per class appear here.</EmptyState>;

  return (
    <div className="flex h-full min-h-0" data-testid="metrics-view">
      <RunsSidebar s={s} runs={runs} />
      <div className="min-w-0 flex-1 space-y-5 overflow-y-auto p-4">
        {s.ablationGroup && outcomes && <AblationTable runs={s.chosenRuns} outcomes={outcomes} policy={policy} />}
        {primary && report && rows && <RunDetail s={s} />}
        {chosen.length >= 2 && outcomes && <RunComparison runs={s.chosenRuns} outcomes={outcomes} policy={policy} names={s.names} onOpen={s.open} />}
        {!primary && <p className="text-sm text-zinc-500">Tick a run on the left.</p>}
      </div>
    </div>
  );
}

/** Ablation shortcuts, then batch runs and one-case runs to tick. */
function RunsSidebar({ s, runs }: { s: MetricsSession; runs: Run[] }) {
  const { groups, chosen, toggle, setPicked } = s;
  return (
    <aside className="w-64 shrink-0 overflow-y-auto border-r border-zinc-800 p-3">
      {groups.size > 0 && (
        <div className="mb-4">
          <h2 className="mb-1.5 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">Ablations</h2>
          {[...groups.values()].map((g) => (
            <button key={g[0].id} type="button" onClick={() => setPicked(g.map((r) => r.id))} className="mb-1 block w-full rounded-md bg-zinc-900 px-2 py-1.5 text-left text-xs text-zinc-200 hover:bg-zinc-800">
              Show ablation <span className="text-zinc-500">({g.length} runs, {g[0].caseIds.length} cases)</span>
            </button>
          ))}
        </div>
      )}
      <h2 className="mb-2 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">Runs</h2>
      <p className="mb-2 text-[11px] text-zinc-500">Tick several to compare them on the cases they share; the first ticked is shown in detail.</p>
      <RunChecklist runs={listedRuns(runs).batch} chosen={chosen} toggle={toggle} />
      {listedRuns(runs).oneCase.length > 0 && (
        <details className="mt-3" open={chosen.some((id) => listedRuns(runs).oneCase.some((r) => r.id === id))}>
          <summary className="cursor-pointer text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">One-case runs ({listedRuns(runs).oneCase.length})</summary>
          <RunChecklist runs={listedRuns(runs).oneCase} chosen={chosen} toggle={toggle} />
        </details>
      )}
    </aside>
  );
}

/** The first ticked run: outcome counts, the metrics table, kinds, localisation, curves and the threshold matrix. */
function RunDetail({ s }: { s: MetricsSession }) {
  const { primary, report, rows, curve, policy, setPolicy, scoreInfo, byKind, names, open, threshold, setThreshold } = s;
  const o = report?.overall;
  if (!primary || !report || !rows || !o) return null;
  return (
    <>
      <header className="flex flex-wrap items-center gap-2">
        <h1 className="text-base font-semibold">{runLabel(primary)}</h1>
        <Badge>{primary.provider?.model ?? primary.detector}</Badge>
        <div className="ml-auto flex items-center gap-1 text-xs" role="radiogroup" aria-label="Failed answers">
          <span className="mr-1 text-zinc-400">Failed answers</span>
          {(['as-wrong', 'exclude'] as const).map((p) => (
            <button key={p} type="button" role="radio" aria-checked={policy === p} onClick={() => setPolicy(p)} className={`rounded px-2 py-1 ${policy === p ? 'bg-sky-600 text-white' : 'bg-zinc-800 text-zinc-300 hover:bg-zinc-700'}`}>{p === 'as-wrong' ? 'count as wrong' : 'leave out'}</button>
          ))}
        </div>
      </header>
      <div className="flex flex-wrap items-center gap-2 text-xs" data-testid="outcome-counts">
        <span className="rounded-md bg-zinc-800 px-2 py-1">answered <b className="tabular-nums">{o.outcomes.ok}</b></span>
        <span className={`rounded-md px-2 py-1 ${o.outcomes.error ? 'bg-red-950 text-red-200' : 'bg-zinc-900 text-zinc-500'}`}>errors <b className="tabular-nums">{o.outcomes.error}</b></span>
        <span className={`rounded-md px-2 py-1 ${o.outcomes.unparsed ? 'bg-red-950 text-red-200' : 'bg-zinc-900 text-zinc-500'}`}>unparsed <b className="tabular-nums">{o.outcomes.unparsed}</b></span>
        <span className={`rounded-md px-2 py-1 ${o.outcomes.refused ? 'bg-red-950 text-red-200' : 'bg-zinc-900 text-zinc-500'}`}>refused <b className="tabular-nums">{o.outcomes.refused}</b></span>
        {o.unlabelled > 0 && <span className="rounded-md bg-zinc-900 px-2 py-1 text-zinc-400">no label <b className="tabular-nums">{o.unlabelled}</b></span>}
        <span className="text-zinc-500">of {primary.caseIds.length} cases{primary.repeat > 1 ? `, ${primary.repeat} repeats each (majority verdict, vote share as score)` : ''}</span>
      </div>
      <p className="rounded-md border border-sky-900/60 bg-sky-950/30 px-3 py-2 text-xs text-sky-100" data-testid="policy-text">{report.policyText}</p>
      {scoreInfo.sources && (
        <p className="-mt-3 text-[11px] text-zinc-500" data-testid="score-sources">
          Scores from: {scoreInfo.sources}; {scoreInfo.distinct} distinct value{scoreInfo.distinct === 1 ? '' : 's'}
          {scoreInfo.distinct > 2 && scoreInfo.distinct < 6 ? ' — few distinct scores make a coarse curve; logprobs or more repeats give finer ones.' : '.'}
        </p>
      )}

      <div className="overflow-x-auto">
        <MetricsTable perClass={report.perClass} overall={o} />
        <p className="mt-2 text-[11px] text-zinc-500">Positive class = anomalous. Small grey ranges are 95% Wilson intervals. Overkill = normal parts called anomalous; miss = anomalous parts called normal.</p>
      </div>
      {byKind && Object.keys(byKind).length > 0 && (
        <div className="overflow-x-auto" data-testid="anomaly-kind-table">
          <h2 className="mb-1.5 text-xs font-semibold tracking-wide text-zinc-300 uppercase">By kind of anomaly</h2>
          <MetricsTable perClass={byKind} overall={o} />
          <p className="mt-2 text-[11px] text-zinc-500">Each kind (e.g. MVTec LOCO's logical and structural anomalies) is scored on its own anomalous parts together with all normal parts.</p>
        </div>
      )}
      <LocalisationTable runId={primary.id} version={`${rows.length}:${o.outcomes.ok}`} />
      <div className="grid gap-4 lg:grid-cols-3">
        {curve && !curve.reason ? (
          <>
            <RocChart points={curve.roc} threshold={threshold} title={`ROC · AUROC ${o.auroc.value?.toFixed(3)}`} />
            <PrChart points={curve.pr} threshold={threshold} prevalence={o.anomalous / Math.max(1, o.labelled)} title={`Precision–recall · AP ${o.averagePrecision.value?.toFixed(3)}`} />
          </>
        ) : (
          <p className="rounded-md border border-dashed border-zinc-700 p-3 text-xs text-zinc-400 lg:col-span-2" data-testid="no-curve">No ROC or PR curve. {reasonText(curve?.reason)}</p>
        )}
        <div className="rounded-lg border border-zinc-800 bg-zinc-900/50 p-3">
          <ThresholdMatrix rows={rows} scored={!curve?.reason} names={names} onOpen={open} t={threshold} setT={setThreshold} />
        </div>
      </div>
    </>
  );
}
