import { useRef, type ReactNode } from 'react';
import { RunOptions } from '@/components/run-options';
import { runLabel } from '@/core/runs/run-label';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ProgressBar } from '@/components/ui/progress-bar';
import { LoadSampleButton } from '@/components/load-sample-button';
import type { GroupMetrics } from '@/core/metrics/metrics';
import type { Rate } from '@/core/metrics/rates';
import type { Case, Result } from '@/core/model';
import { boxesOn, CaseVisual } from '@/features/share/case-visual';
import { PresentationMode } from '@/features/share/presentation-mode';
import { useShareSession, type PresentSet, type ShareMessage, type ShareSession } from '@/features/share/use-share-session';

function Card({ title, children, hint }: { title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-3 rounded-xl border border-zinc-800 bg-zinc-900/60 p-5">
      <div>
        <h3 className="text-sm font-semibold text-zinc-100">{title}</h3>
        {hint && <p className="mt-1 text-xs leading-relaxed text-zinc-400">{hint}</p>}
      </div>
      {children}
    </section>
  );
}

const pct = (r: Rate) => (r.value === null ? '–' : `${(r.value * 100).toFixed(0)}%`);

function SummaryTable({ rows }: { rows: [string, GroupMetrics][] }) {
  return (
    <table className="w-full text-left text-xs tabular-nums" data-testid="run-summary">
      <thead className="text-zinc-500">
        <tr>
          <th className="py-1 pr-3 font-medium">Class</th>
          <th className="pr-3 font-medium">Labelled</th>
          <th className="pr-3 font-medium">Accuracy</th>
          <th className="pr-3 font-medium">AUROC</th>
          <th className="pr-3 font-medium">Overkill</th>
          <th className="pr-3 font-medium">Miss</th>
          <th className="font-medium">Failed</th>
        </tr>
      </thead>
      <tbody className="text-zinc-200">
        {rows.map(([name, g], i) => (
          <tr key={name} className={i === 0 ? 'font-semibold' : 'border-t border-zinc-800'}>
            <td className="py-1 pr-3">{name}</td>
            <td className="pr-3">{g.labelled}</td>
            <td className="pr-3">{pct(g.accuracy)}</td>
            <td className="pr-3">{g.auroc.value === null ? 'n/a' : g.auroc.value.toFixed(3)}</td>
            <td className="pr-3">{pct(g.overkill)}</td>
            <td className="pr-3">{pct(g.miss)}</td>
            <td>{g.failed.normal + g.failed.anomalous}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ResultTile({ c, r }: { c: Case; r?: Result }) {
  const tone = r?.status !== 'ok' ? 'error' : r.verdict === 'anomalous' ? 'anomalous' : 'normal';
  const wrong = r?.verdict && (c.truth.status === 'normal' || c.truth.status === 'anomalous') && r.verdict !== c.truth.status;
  return (
    <figure className={`overflow-hidden rounded-lg border bg-zinc-900 ${wrong ? 'border-amber-500/70' : 'border-zinc-800'}`} data-testid="result-tile" title={r?.reasoning ?? r?.error?.message}>
      <CaseVisual c={c} heatmap={r?.artefacts?.heatmap} imageIndex={r?.locations?.[0]?.image ?? 0} boxes={boxesOn(r, r?.locations?.[0]?.image ?? 0)} className="aspect-square bg-black" />
      <figcaption className="flex flex-col gap-1 p-2 text-[11px]">
        <span className="truncate text-zinc-300" title={c.name}>{c.name}</span>
        <span className="flex items-center gap-1.5">
          {r ? <Badge tone={tone}>{r.status === 'ok' ? r.verdict : r.status}</Badge> : <Badge>not run</Badge>}
          {r?.score !== undefined && <span className="tabular-nums text-zinc-400">{r.score.toFixed(2)}</span>}
        </span>
        <span className={`truncate ${wrong ? 'text-amber-300' : 'text-zinc-500'}`}>
          label: {c.truth.status}
          {c.truth.defectType ? ` · ${c.truth.defectType}` : ''}
        </span>
      </figcaption>
    </figure>
  );
}

/** A project export or import under way: how far, and a way to stop it. */
function TransferPanel({ t }: { t: NonNullable<ShareSession['transferring']> }) {
  const pct = t.progress?.total ? Math.floor((100 * t.progress.done) / t.progress.total) : 0;
  return (
    <div className="flex w-full min-w-72 items-center gap-3" data-testid="transfer-progress">
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        <ProgressBar value={t.progress?.done ?? 0} max={t.progress?.total ?? 0} label={t.kind === 'export' ? 'Export progress' : 'Import progress'} />
        <span className="text-xs tabular-nums text-zinc-400">
          {t.kind === 'export' ? 'Exporting' : 'Importing'}… {pct}%
        </span>
      </div>
      <Button onClick={t.cancel}>Cancel</Button>
    </div>
  );
}

/** The Share tab: present, report, project files, and the offline baseline that needs no key. */
export function ShareView() {
  const fileInput = useRef<HTMLInputElement>(null);
  const s = useShareSession(fileInput);
  const { cases, testCases, runs, run, metrics, presenting } = s;
  if (!s.loaded) return null;

  const importInput = (
    <input
      ref={fileInput}
      type="file"
      accept=".zip,application/zip"
      className="hidden"
      data-testid="import-project-input"
      onChange={(e) => {
        const f = e.target.files?.[0];
        if (f) void s.doImport(f);
      }}
    />
  );

  if (!cases.length) {
    return (
      <>
        <EmptyState
          title="Nothing to share yet"
          actions={
            s.transferring ? <TransferPanel t={s.transferring} /> : (
              <>
                <LoadSampleButton />
                <Button onClick={() => fileInput.current?.click()} disabled={!!s.busy}>
                  Import project…
                </Button>
              </>
            )
          }
        >
          Load the sample project to see the workbench at work without a key or network, or import a project file a colleague sent you.
        </EmptyState>
        <div className="mx-auto max-w-xl"><StatusLine message={s.message} /></div>
        {importInput}
      </>
    );
  }

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-6xl flex-col gap-5 p-6">
        <div className="flex flex-wrap items-end gap-4">
          <div>
            <h2 className="text-lg font-semibold">Share</h2>
            <p className="text-sm text-zinc-400">
              {s.projectName ?? 'This project'}: {testCases.length} test cases, {cases.length - testCases.length} references or parts, {runs.length} run{runs.length === 1 ? '' : 's'}.
            </p>
          </div>
          {runs.length > 0 && (
            <label className="ml-auto flex items-center gap-2 text-sm text-zinc-400">
              Run
              <select
                className="max-w-[min(36rem,60vw)] min-w-0 rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1.5 text-zinc-100"
                value={run?.id}
                onChange={(e) => s.setPickedRunId(e.target.value)}
                data-testid="run-picker"
              >
                <RunOptions runs={runs} />
              </select>
            </label>
          )}
        </div>
        <StatusLine message={s.message} />
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
          <BaselineCard s={s} />
          <PresentCard s={s} />
          <Card title="Report" hint="One HTML file with metrics, curves and every case, readable offline with scripts off. No key inside.">
            <Button onClick={s.downloadReport} disabled={!run || !!s.busy}>
              {s.busy === 'report' ? 'Making report…' : 'Download report'}
            </Button>
          </Card>
          <Card title="Project file" hint="A zip with cases, labels, prompts, runs, results and the files themselves. Importing skips what is already here.">
            {s.transferring ? <TransferPanel t={s.transferring} /> : (
              <div className="flex flex-wrap gap-2">
                <Button onClick={s.doExport} disabled={!!s.busy}>
                  Export project
                </Button>
                <Button onClick={() => fileInput.current?.click()} disabled={!!s.busy}>
                  Import project…
                </Button>
              </div>
            )}
          </Card>
        </div>
        {importInput}
        {run && metrics && <RunResults s={s} />}
      </div>
      {presenting && <PresentationMode caseIds={presenting} runId={run?.id} onExit={() => s.setPresenting(undefined)} />}
    </div>
  );
}

function StatusLine({ message }: { message: ShareMessage | undefined }) {
  if (!message) return null;
  return (
    <p role={message.tone === 'error' ? 'alert' : 'status'} className={`rounded-lg px-4 py-2 text-sm ${message.tone === 'error' ? 'bg-rose-950/60 text-rose-200 ring-1 ring-rose-800' : 'bg-emerald-950/50 text-emerald-200 ring-1 ring-emerald-800'}`}>
      {message.text}
    </p>
  );
}

function BaselineCard({ s }: { s: ShareSession }) {
  const { baseline } = s;
  return (
    <Card title="Offline baseline" hint="Compares each case with its class's reference images, patch by patch. No key, no network — a local yardstick, not a model.">
      {baseline.busy ? (
        <div className="flex flex-col gap-1.5">
          <ProgressBar value={baseline.done} max={baseline.total} label="Baseline progress" />
          <span className="text-xs tabular-nums text-zinc-400">
            {baseline.done} / {baseline.total} cases
          </span>
        </div>
      ) : (
        <Button tone={s.runs.length ? 'neutral' : 'primary'} onClick={s.runBaseline} disabled={!s.testCases.length} className="justify-center text-center whitespace-normal!">
          Run baseline on all test cases
        </Button>
      )}
      {baseline.error && <p className="text-xs text-rose-300">{baseline.error}</p>}
    </Card>
  );
}

function PresentCard({ s }: { s: ShareSession }) {
  const { run, selection, presentSet, setIds } = s;
  return (
    <Card title="Present" hint="Full screen for a meeting: input, references, verdict and reasoning. Arrow keys step, Esc leaves.">
      <select className="rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1.5 text-sm text-zinc-100" value={presentSet} onChange={(e) => s.setPresentSet(e.target.value as PresentSet)} aria-label="Cases to present">
        <option value="run" disabled={!run}>
          Chosen run ({s.runCases.length})
        </option>
        <option value="disagree" disabled={!run}>
          Disagreements with the label ({setIds('disagree').length})
        </option>
        <option value="flagged" disabled={!run}>
          Called anomalous ({setIds('flagged').length})
        </option>
        <option value="selection" disabled={!selection.length}>
          Selection ({selection.length})
        </option>
        <option value="tests">All test cases ({s.testCases.length})</option>
      </select>
      <Button tone="primary" onClick={() => s.setPresenting(setIds(presentSet))} disabled={!setIds(presentSet).length}>
        Start presentation
      </Button>
    </Card>
  );
}

/** The chosen run: its summary table and a tile per case. */
function RunResults({ s }: { s: ShareSession }) {
  const { run, metrics, runCases } = s;
  if (!run || !metrics) return null;
  return (
    <section className="flex flex-col gap-4 rounded-xl border border-zinc-800 bg-zinc-900/40 p-5">
      <div className="flex flex-wrap items-baseline gap-3">
        <h3 className="text-sm font-semibold">{runLabel(run)}</h3>
        {run.detector === 'baseline' && <Badge tone="info">local baseline</Badge>}
        <span className="text-xs text-zinc-500">
          {s.results?.length ?? 0} of {run.caseIds.length} results
        </span>
      </div>
      <SummaryTable rows={[['All classes', metrics.overall], ...Object.entries(metrics.perClass)]} />
      <p className="text-xs text-zinc-500">Anomalous is the positive class. {metrics.policyText}</p>
      <div className="grid grid-cols-[repeat(auto-fill,minmax(9.5rem,1fr))] gap-3">
        {runCases.slice(0, 120).map((c) => (
          <ResultTile key={c.id} c={c} r={s.resultByCase.get(c.id)} />
        ))}
      </div>
      {runCases.length > 120 && <p className="text-xs text-zinc-500">Showing the first 120 of {runCases.length} cases; the report and presentation include all.</p>}
    </section>
  );
}
