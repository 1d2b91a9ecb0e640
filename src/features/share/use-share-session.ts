import { useMemo, useRef, useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRunChoice } from '@/components/run-options';
import { computeMetrics } from '@/core/metrics/metrics';
import { caseOutcomes } from '@/core/metrics/case-outcome';
import type { Case, Run } from '@/core/model';
import { useAllCases, useProjectName } from '@/lib/dataset/case-queries';
import { useRunResults, useRuns } from '@/lib/runs/run-data';
import { createBaselineExecutor, createBaselineRun } from '@/lib/baseline/detector';
import { buildRunReport } from '@/lib/export/report';
import { exportProject, importProject, projectFileName, TransferCancelled, type ImportSummary, type TransferProgress } from '@/lib/export/project-transfer';
import { downloadBlob } from '@/lib/export/download';
import { useBatchStore } from '@/stores/batch-store';
import { useUiStore } from '@/stores/ui-store';

export type PresentSet = 'run' | 'disagree' | 'flagged' | 'selection' | 'tests';
export type ShareMessage = { tone: 'ok' | 'error'; text: string };
type BaselineState = { busy: boolean; done: number; total: number; error?: string };

const errorText = (err: unknown, otherwise: string) => (err instanceof Error ? err.message : otherwise);

/** The offline baseline over all test cases, through the tab's batch queue, with its progress. */
function useBaselineRun(testCases: readonly Case[], onRun: (runId: string) => void) {
  const [baseline, setBaseline] = useState<BaselineState>({ busy: false, done: 0, total: 0 });
  const runBaseline = async () => {
    setBaseline({ busy: true, done: 0, total: testCases.length });
    try {
      // Through the tab's batch queue, so the run also shows (with pause and cancel) under Runs.
      const run = await createBaselineRun(testCases.map((c) => c.id));
      onRun(run.id);
      const handle = await useBatchStore.getState().start(run.id, { execute: createBaselineExecutor() });
      const unsubscribe = useBatchStore.subscribe((st) => {
        const p = st.active[run.id]?.progress;
        if (p) setBaseline({ busy: true, done: p.done + p.failed, total: p.total });
      });
      await handle.finished;
      unsubscribe();
      setBaseline((s) => ({ ...s, busy: false }));
    } catch (err) {
      setBaseline((s) => ({ ...s, busy: false, error: errorText(err, 'The baseline run stopped unexpectedly.') }));
    }
  };
  return { baseline, runBaseline };
}

/** Report and project file: one job at a time, each ending in a sentence; file transfers show progress and can be cancelled. */
function useFileJobs(run: Run | undefined, projectName: string | undefined, fileInput: RefObject<HTMLInputElement | null>) {
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<ShareMessage>();
  const [transfer, setTransfer] = useState<TransferProgress>();
  const stopTransfer = useRef<AbortController>(undefined);
  /** Runs one job, turning its outcome (or its error) into the message shown; a cancel is said plainly, not as an error. */
  const job = async (name: string, work: (opts: { signal: AbortSignal; onProgress: (p: TransferProgress) => void }) => Promise<string>, failed: (err: unknown) => string, after?: () => void) => {
    setBusy(name);
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
      after?.();
    }
  };
  const downloadReport = async () => {
    if (!run) return;
    await job('report', async () => {
      const { html, fileName } = await buildRunReport(run.id);
      downloadBlob(new Blob([html], { type: 'text/html;charset=utf-8' }), fileName);
      return `Report saved as ${fileName} (${(html.length / 1e6).toFixed(1)} MB, opens offline in any browser).`;
    }, (err) => errorText(err, 'The report could not be made.'));
  };
  const doExport = () =>
    job('export', async (opts) => {
      const zip = await exportProject(undefined, undefined, opts);
      const name = projectFileName(projectName);
      downloadBlob(zip, name);
      return `Project saved as ${name} (${(zip.size / 1e6).toFixed(1)} MB). It holds cases, labels, prompts, runs and results — never your API key.`;
    }, (err) => (err instanceof Error ? `The project could not be exported: ${err.message}` : 'The project could not be exported.'));
  const doImport = (file: File) =>
    job('import', async (opts) => {
      const s: ImportSummary = await importProject(file, opts);
      const skipped = s.casesSkipped ? `, ${s.casesSkipped} already here (skipped)` : '';
      return `Imported "${file.name}": ${s.casesAdded} cases${skipped}, ${s.promptsAdded} prompts (${s.versionsAdded} versions), ${s.runsAdded} runs, ${s.resultsAdded} results.`;
    }, (err) => errorText(err, `"${file.name}" could not be imported. Nothing was changed.`), () => {
      if (fileInput.current) fileInput.current.value = '';
    });
  const transferring = busy === 'export' || busy === 'import' ? { kind: busy, progress: transfer, cancel: () => stopTransfer.current?.abort() } : undefined;
  return { busy, message, downloadReport, doExport, doImport, transferring };
}

/**
 * The Share session: the project and chosen run, its results and metrics, the sets to present, and
 * the file jobs (`fileInput` is the project file picker, emptied after each import).
 */
export function useShareSession(fileInput: RefObject<HTMLInputElement | null>) {
  const allCases = useAllCases();
  const allRuns = useRuns();
  const project = useProjectName();
  const selection = useUiStore(useShallow((s) => [...s.selectedCaseIds]));
  const [presentSet, setPresentSet] = useState<PresentSet>('run');
  const [presenting, setPresenting] = useState<string[]>();

  const runs = useMemo(() => allRuns ?? [], [allRuns]);
  const [runId, setPickedRunId] = useRunChoice(allRuns);
  const run: Run | undefined = runs.find((r) => r.id === runId);
  const results = useRunResults(run?.id);
  const cases = useMemo(() => allCases ?? [], [allCases]);
  const byId = useMemo(() => new Map(cases.map((c) => [c.id, c])), [cases]);
  const runCases = useMemo(() => (run ? run.caseIds.map((id) => byId.get(id)).filter((c): c is Case => !!c) : []), [run, byId]);
  const resultByCase = useMemo(() => new Map((results ?? []).map((r) => [r.caseId, r])), [results]);
  const metrics = useMemo(() => (run && results ? computeMetrics(caseOutcomes(runCases, results)) : undefined), [run, runCases, results]);
  const testCases = useMemo(() => cases.filter((c) => c.role === 'test' && !c.parentId).sort((a, b) => a.className.localeCompare(b.className) || a.name.localeCompare(b.name)), [cases]);
  const { baseline, runBaseline } = useBaselineRun(testCases, setPickedRunId);
  const files = useFileJobs(run, project?.name, fileInput);

  const isDisagreement = (c: Case) => {
    const v = resultByCase.get(c.id)?.verdict;
    return !!v && (c.truth.status === 'normal' || c.truth.status === 'anomalous') && v !== c.truth.status;
  };
  const sets: Record<PresentSet, () => string[]> = {
    run: () => runCases.map((c) => c.id),
    disagree: () => runCases.filter(isDisagreement).map((c) => c.id),
    flagged: () => runCases.filter((c) => resultByCase.get(c.id)?.verdict === 'anomalous').map((c) => c.id),
    selection: () => selection,
    tests: () => testCases.map((c) => c.id),
  };

  return {
    loaded: !!allCases && !!allRuns && !!project,
    projectName: project?.name, cases, runs, run, setPickedRunId, results, runCases, resultByCase, metrics, testCases, selection,
    baseline, runBaseline, ...files,
    presentSet, setPresentSet, setIds: (which: PresentSet) => sets[which](), presenting, setPresenting,
  };
}

export type ShareSession = ReturnType<typeof useShareSession>;
