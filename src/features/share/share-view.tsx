import { useMemo, useRef, useState, type ReactNode } from 'react';
import { RunOptions, useRunChoice } from '@/components/run-options';
import { runLabel } from '@/core/runs/run-label';
import { useShallow } from 'zustand/react/shallow';
import { useLiveQuery } from '@/lib/storage/live-query';
import { projectDb } from '@/lib/storage/db';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ProgressBar } from '@/components/ui/progress-bar';
import { LoadSampleButton } from '@/components/load-sample-button';
import { useUiStore } from '@/stores/ui-store';
import { createBaselineExecutor, createBaselineRun } from '@/lib/baseline/detector';
import { useBatchStore } from '@/stores/batch-store';
import { buildRunReport } from '@/lib/export/report';
import { exportProject, importProject, projectFileName, TransferCancelled, type ImportSummary, type TransferProgress } from '@/lib/export/project-transfer';
import { downloadBlob } from '@/lib/export/download';
import { computeMetrics, type GroupMetrics } from '@/core/metrics/metrics';
import { caseOutcomes } from '@/core/metrics/case-outcome';
import type { Rate } from '@/core/metrics/rates';
import type { Case, Result, Run } from '@/core/model';
import { boxesOn, CaseVisual } from '@/features/share/case-visual';
import { PresentationMode } from '@/features/share/presentation-mode';

type PresentSet = 'run' | 'disagree' | 'flagged' | 'selection' | 'tests';

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

/** The Share tab: present, report, project files, and the offline baseline that needs no key. */
export function ShareView() {
  const data = useLiveQuery(async () => {
    const db = projectDb();
    const [cases, runs, name] = await Promise.all([db.cases.toArray(), db.runs.orderBy('createdAt').reverse().toArray(), db.kv.get('project.name')]);
    return { cases, runs, projectName: typeof name?.value === 'string' ? name.value : undefined };
  }, []);
  const selection = useUiStore(useShallow((s) => [...s.selectedCaseIds]));

  const [baseline, setBaseline] = useState<{ busy: boolean; done: number; total: number; error?: string }>({ busy: false, done: 0, total: 0 });
  const [presentSet, setPresentSet] = useState<PresentSet>('run');
  const [presenting, setPresenting] = useState<string[]>();
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string }>();
  const fileInput = useRef<HTMLInputElement>(null);
  const [transfer, setTransfer] = useState<TransferProgress>();
  const stopTransfer = useRef<AbortController>(undefined);

  const runs = useMemo(() => data?.runs ?? [], [data?.runs]);
  const [runId, setPickedRunId] = useRunChoice(data?.runs);
  const run: Run | undefined = runs.find((r) => r.id === runId);
  const results = useLiveQuery(async () => (run ? projectDb().results.where('runId').equals(run.id).toArray() : []), [run?.id]);
  const cases = useMemo(() => data?.cases ?? [], [data?.cases]);
  const byId = useMemo(() => new Map(cases.map((c) => [c.id, c])), [cases]);
  const runCases = useMemo(() => (run ? run.caseIds.map((id) => byId.get(id)).filter((c): c is Case => !!c) : []), [run, byId]);
  const resultByCase = useMemo(() => new Map((results ?? []).map((r) => [r.caseId, r])), [results]);
  const metrics = useMemo(() => (run && results ? computeMetrics(caseOutcomes(runCases, results)) : undefined), [run, runCases, results]);
  const testCases = useMemo(() => cases.filter((c) => c.role === 'test' && !c.parentId).sort((a, b) => a.className.localeCompare(b.className) || a.name.localeCompare(b.name)), [cases]);

  if (!data) return null;

  const runBaseline = async () => {
    setBaseline({ busy: true, done: 0, total: testCases.length });
    try {
      // Through the tab's batch queue, so the run also shows (with pause and cancel) under Runs.
      const run = await createBaselineRun(testCases.map((c) => c.id));
      setPickedRunId(run.id);
      const handle = await useBatchStore.getState().start(run.id, { execute: createBaselineExecutor() });
      const unsubscribe = useBatchStore.subscribe((st) => {
        const p = st.active[run.id]?.progress;
        if (p) setBaseline({ busy: true, done: p.done + p.failed, total: p.total });
      });
      await handle.finished;
      unsubscribe();
      setBaseline((s) => ({ ...s, busy: false }));
    } catch (err) {
      setBaseline((s) => ({ ...s, busy: false, error: err instanceof Error ? err.message : 'The baseline run stopped unexpectedly.' }));
    }
  };

  const isDisagreement = (c: Case) => {
    const v = resultByCase.get(c.id)?.verdict;
    return !!v && (c.truth.status === 'normal' || c.truth.status === 'anomalous') && v !== c.truth.status;
  };
  const setIds = (which: PresentSet): string[] => {
    switch (which) {
      case 'run':
        return runCases.map((c) => c.id);
      case 'disagree':
        return runCases.filter(isDisagreement).map((c) => c.id);
      case 'flagged':
        return runCases.filter((c) => resultByCase.get(c.id)?.verdict === 'anomalous').map((c) => c.id);
      case 'selection':
        return selection;
      case 'tests':
        return testCases.map((c) => c.id);
    }
  };

  const downloadReport = async () => {
    if (!run) return;
    setBusy('report');
    setMessage(undefined);
    try {
      const { html, fileName } = await buildRunReport(run.id);
      downloadBlob(new Blob([html], { type: 'text/html;charset=utf-8' }), fileName);
      setMessage({ tone: 'ok', text: `Report saved as ${fileName} (${(html.length / 1e6).toFixed(1)} MB, opens offline in any browser).` });
    } catch (err) {
      setMessage({ tone: 'error', text: err instanceof Error ? err.message : 'The report could not be made.' });
    } finally {
      setBusy(undefined);
    }
  };

  /** Runs an export or import with progress and cancel; a cancel is said plainly, not as an error. */
  const transferring = async (kind: 'export' | 'import', work: (opts: { signal: AbortSignal; onProgress: (p: TransferProgress) => void }) => Promise<string>, failed: (err: unknown) => string) => {
    setBusy(kind);
    setMessage(undefined);
    const stop = new AbortController();
    stopTransfer.current = stop;
    try {
      setMessage({ tone: 'ok', text: await work({ signal: stop.signal, onProgress: setTransfer }) });
    } catch (err) {
      setMessage(err instanceof TransferCancelled ? { tone: 'ok', text: err.message } : { tone: 'error', text: failed(err) });
    } finally {
      setBusy(undefined);
      setTransfer(undefined);
      stopTransfer.current = undefined;
    }
  };

  const doExport = () =>
    transferring(
      'export',
      async (opts) => {
        const zip = await exportProject(undefined, undefined, opts);
        const name = projectFileName(data.projectName);
        downloadBlob(zip, name);
        return `Project saved as ${name} (${(zip.size / 1e6).toFixed(1)} MB). It holds cases, labels, prompts, runs and results — never your API key.`;
      },
      (err) => (err instanceof Error ? `The project could not be exported: ${err.message}` : 'The project could not be exported.'),
    );

  const doImport = (file: File) =>
    transferring(
      'import',
      async (opts) => {
        const s: ImportSummary = await importProject(file, opts);
        const skipped = s.casesSkipped ? `, ${s.casesSkipped} already here (skipped)` : '';
        return `Imported "${file.name}": ${s.casesAdded} cases${skipped}, ${s.promptsAdded} prompts (${s.versionsAdded} versions), ${s.runsAdded} runs, ${s.resultsAdded} results.`;
      },
      (err) => (err instanceof Error ? err.message : `"${file.name}" could not be imported. Nothing was changed.`),
    ).finally(() => {
      if (fileInput.current) fileInput.current.value = '';
    });

  const transferPanel = (busy === 'export' || busy === 'import') && (
    <div className="flex w-full min-w-72 items-center gap-3" data-testid="transfer-progress">
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        <ProgressBar value={transfer?.done ?? 0} max={transfer?.total ?? 0} label={busy === 'export' ? 'Export progress' : 'Import progress'} />
        <span className="text-xs tabular-nums text-zinc-400">
          {busy === 'export' ? 'Exporting' : 'Importing'}… {transfer?.total ? Math.floor((100 * transfer.done) / transfer.total) : 0}%
        </span>
      </div>
      <Button onClick={() => stopTransfer.current?.abort()}>Cancel</Button>
    </div>
  );

  const importInput = (
    <input
      ref={fileInput}
      type="file"
      accept=".zip,application/zip"
      className="hidden"
      data-testid="import-project-input"
      onChange={(e) => {
        const f = e.target.files?.[0];
        if (f) void doImport(f);
      }}
    />
  );
  const status = message && (
    <p role={message.tone === 'error' ? 'alert' : 'status'} className={`rounded-lg px-4 py-2 text-sm ${message.tone === 'error' ? 'bg-rose-950/60 text-rose-200 ring-1 ring-rose-800' : 'bg-emerald-950/50 text-emerald-200 ring-1 ring-emerald-800'}`}>
      {message.text}
    </p>
  );

  if (!cases.length) {
    return (
      <>
        <EmptyState
          title="Nothing to share yet"
          actions={
            transferPanel || (
              <>
                <LoadSampleButton />
                <Button onClick={() => fileInput.current?.click()} disabled={!!busy}>
                  Import project…
                </Button>
              </>
            )
          }
        >
          Load the sample project to see the workbench at work without a key or network, or import a project file a colleague sent you.
        </EmptyState>
        <div className="mx-auto max-w-xl">{status}</div>
        {importInput}
      </>
    );
  }

  const presentCount = setIds(presentSet).length;

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-6xl flex-col gap-5 p-6">
        <div className="flex flex-wrap items-end gap-4">
          <div>
            <h2 className="text-lg font-semibold">Share</h2>
            <p className="text-sm text-zinc-400">
              {data.projectName ?? 'This project'}: {testCases.length} test cases, {cases.length - testCases.length} references or parts, {runs.length} run{runs.length === 1 ? '' : 's'}.
            </p>
          </div>
          {runs.length > 0 && (
            <label className="ml-auto flex items-center gap-2 text-sm text-zinc-400">
              Run
              <select
                className="max-w-[min(36rem,60vw)] min-w-0 rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1.5 text-zinc-100"
                value={run?.id}
                onChange={(e) => setPickedRunId(e.target.value)}
                data-testid="run-picker"
              >
                <RunOptions runs={runs} />
              </select>
            </label>
          )}
        </div>
        {status}
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
          <Card title="Offline baseline" hint="Compares each case with its class's reference images, patch by patch. No key, no network — a local yardstick, not a model.">
            {baseline.busy ? (
              <div className="flex flex-col gap-1.5">
                <ProgressBar value={baseline.done} max={baseline.total} label="Baseline progress" />
                <span className="text-xs tabular-nums text-zinc-400">
                  {baseline.done} / {baseline.total} cases
                </span>
              </div>
            ) : (
              <Button tone={runs.length ? 'neutral' : 'primary'} onClick={runBaseline} disabled={!testCases.length} className="justify-center text-center whitespace-normal!">
                Run baseline on all test cases
              </Button>
            )}
            {baseline.error && <p className="text-xs text-rose-300">{baseline.error}</p>}
          </Card>
          <Card title="Present" hint="Full screen for a meeting: input, references, verdict and reasoning. Arrow keys step, Esc leaves.">
            <select className="rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1.5 text-sm text-zinc-100" value={presentSet} onChange={(e) => setPresentSet(e.target.value as PresentSet)} aria-label="Cases to present">
              <option value="run" disabled={!run}>
                Chosen run ({runCases.length})
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
              <option value="tests">All test cases ({testCases.length})</option>
            </select>
            <Button tone="primary" onClick={() => setPresenting(setIds(presentSet))} disabled={!presentCount}>
              Start presentation
            </Button>
          </Card>
          <Card title="Report" hint="One HTML file with metrics, curves and every case, readable offline with scripts off. No key inside.">
            <Button onClick={downloadReport} disabled={!run || !!busy}>
              {busy === 'report' ? 'Making report…' : 'Download report'}
            </Button>
          </Card>
          <Card title="Project file" hint="A zip with cases, labels, prompts, runs, results and the files themselves. Importing skips what is already here.">
            {transferPanel || (
              <div className="flex flex-wrap gap-2">
                <Button onClick={doExport} disabled={!!busy}>
                  Export project
                </Button>
                <Button onClick={() => fileInput.current?.click()} disabled={!!busy}>
                  Import project…
                </Button>
              </div>
            )}
          </Card>
        </div>
        {importInput}

        {run && metrics && (
          <section className="flex flex-col gap-4 rounded-xl border border-zinc-800 bg-zinc-900/40 p-5">
            <div className="flex flex-wrap items-baseline gap-3">
              <h3 className="text-sm font-semibold">{runLabel(run)}</h3>
              {run.detector === 'baseline' && <Badge tone="info">local baseline</Badge>}
              <span className="text-xs text-zinc-500">
                {results?.length ?? 0} of {run.caseIds.length} results
              </span>
            </div>
            <SummaryTable rows={[['All classes', metrics.overall], ...Object.entries(metrics.perClass)]} />
            <p className="text-xs text-zinc-500">Anomalous is the positive class. {metrics.policyText}</p>
            <div className="grid grid-cols-[repeat(auto-fill,minmax(9.5rem,1fr))] gap-3">
              {runCases.slice(0, 120).map((c) => (
                <ResultTile key={c.id} c={c} r={resultByCase.get(c.id)} />
              ))}
            </div>
            {runCases.length > 120 && <p className="text-xs text-zinc-500">Showing the first 120 of {runCases.length} cases; the report and presentation include all.</p>}
          </section>
        )}
      </div>
      {presenting && <PresentationMode caseIds={presenting} runId={run?.id} onExit={() => setPresenting(undefined)} />}
    </div>
  );
}
