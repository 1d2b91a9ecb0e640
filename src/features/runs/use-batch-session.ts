import { useMemo, useState } from 'react';
import type { Case, Run } from '@/core/model';
import { ablationRunCount, emptyKnowledge, type AblationReferences } from '@/core/runs/ablation';
import { needsConfirmation, type RunEstimate } from '@/core/runs/estimate';
import { casesForPrompt, fitNote, promptClasses } from '@/core/prompt/prompt-classes';
import { readPromptBody } from '@/core/prompt/prompt-body';
import { useRunCounts, useRuns, useTestCases } from '@/lib/runs/run-data';
import type { RunTarget } from '@/lib/runs/experiments';
import { downloadBlob } from '@/lib/export/download';
import { createBaselineExecutor } from '@/lib/baseline/detector';
import { exportBatchApi, importBatchOutput } from '@/lib/export/results-io';
import { useBatchStore } from '@/stores/batch-store';
import { useRunsElsewhere } from '@/components/use-runs-elsewhere';
import { useProviderStore } from '@/stores/provider-store';
import { useUiStore } from '@/stores/ui-store';
import { useRunEstimate } from '@/features/runs/use-run-estimate';
import { usePromptChoice } from '@/features/runs/use-prompt-choice';

export type Scope = 'selected' | 'class' | 'unlabelled' | 'labelled' | 'all';

/** Which of the test cases each scope takes. */
const SCOPE_FILTER: Record<Scope, (c: Case, selected: ReadonlySet<string>, klass: string) => boolean> = {
  selected: (c, selected) => selected.has(c.id),
  class: (c, _, klass) => c.className === klass,
  unlabelled: (c) => c.truth.status === 'unlabelled',
  labelled: (c) => c.truth.status === 'normal' || c.truth.status === 'anomalous',
  all: () => true,
};

const message = (e: unknown, otherwise: string) => (e instanceof Error ? e.message : otherwise);

/** The cases a batch takes: scope, class, and whether cases the prompt is not written for join. */
function useBatchTarget(cases: readonly Case[] | undefined, forClasses: readonly string[], body: ReturnType<typeof readPromptBody> | undefined) {
  const selected = useUiStore((s) => s.selectedCaseIds);
  const [scope, setScope] = useState<Scope>();
  const [klass, setKlass] = useState('');
  const [includeOthers, setIncludeOthers] = useState(false);
  // The prompt's own classes first: a class the prompt does not cover is a deliberate choice.
  const classes = useMemo(() => {
    const all = [...new Set((cases ?? []).map((c) => c.className))].sort();
    return [...all.filter((k) => forClasses.includes(k)), ...all.filter((k) => !forClasses.includes(k))];
  }, [cases, forClasses]);
  const effScope: Scope = scope ?? (selected.size > 0 ? 'selected' : 'all');
  const chosenClass = klass && classes.includes(klass) ? klass : classes[0] || '';
  const scoped = useMemo(() => (cases ?? []).filter((c) => SCOPE_FILTER[effScope](c, selected, chosenClass)), [cases, effScope, selected, chosenClass]);
  const covered = useMemo(() => (body ? casesForPrompt(body, scoped) : scoped), [body, scoped]);
  const target = includeOthers || effScope === 'class' ? scoped : covered;
  return {
    selected, classes, effScope, setScope, chosenClass, setKlass, includeOthers, setIncludeOthers, target,
    leftOut: scoped.length - covered.length,
    scopeLabel: effScope === 'selected' ? `${target.length} selected` : effScope === 'class' ? chosenClass : `${effScope} (${target.length})`,
  };
}

/** The Batch session: prompt, scope and options of the next batch, starting it (after asking when costly), and the recent runs. */
export function useBatchSession() {
  const cases = useTestCases();
  const runs = useRuns();
  const selectedAny = useUiStore((s) => s.selectedCaseIds);
  const config = useProviderStore((s) => s.config);
  const { confirmAbove, start, startInTurn } = useBatchStore();
  const [pending, setPending] = useState<{ what: string; estimate: RunEstimate; go: () => void }>();
  const [repeat, setRepeat] = useState(1);
  const [force, setForce] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string>();
  const [ablationRefs, setAblationRefs] = useState<AblationReferences>('fixed');
  const [ablationModalities, setAblationModalities] = useState(false);

  // With cases selected, the prompt follows their class (the same rule as One case).
  const selectedClass = useMemo(() => cases?.find((c) => selectedAny.has(c.id))?.className, [cases, selectedAny]);
  const pick = usePromptChoice(selectedClass);
  const { prompt, version } = pick;
  const body = useMemo(() => (version ? readPromptBody(version.body) : undefined), [version]);
  const forClasses = useMemo(() => (body ? promptClasses(body) : []), [body]);
  const t = useBatchTarget(cases, forClasses, body);
  const { target, scopeLabel } = t;
  const estimateFor = useRunEstimate(body, target);

  const runIds = useMemo(() => (runs ?? []).slice(0, 30).map((r) => r.id), [runs]);
  const stored = useRunCounts(runIds);
  const elsewhere = useRunsElsewhere();

  /** Makes the run(s) and starts them; a baseline run needs no prompt version. */
  const go = async (make: (t: RunTarget) => Promise<Run | Run[]>, baseline = false) => {
    setPending(undefined);
    if (!version && !baseline) return;
    setError(undefined);
    setBusy(true);
    try {
      const made = await make({ promptVersionId: version?.id ?? '', provider: { presetId: config.presetId, baseURL: config.baseURL, model: config.model }, caseIds: target.map((c) => c.id), repeat, scopeLabel });
      const list = Array.isArray(made) ? made : [made];
      if (baseline) await start(list[0].id, { execute: createBaselineExecutor() });
      else if (list.length === 1) await start(list[0].id, { force });
      // Several runs (an ablation) go one after another: the concurrency limit is for the whole set.
      else void startInTurn(list.map((r) => r.id), { force }).catch((e: unknown) => setError(message(e, 'A run of the set could not be started.')));
    } catch (e) {
      setError(message(e, 'The run could not be started; check the prompt and the provider settings.'));
    } finally {
      setBusy(false);
    }
  };
  /** Starts at once, or asks first when the estimate is above the user's limit. */
  const ask = (what: string, calls: number, make: (t: RunTarget) => Promise<Run | Run[]>) => {
    const estimate = estimateFor?.(calls);
    if (estimate && needsConfirmation(estimate, confirmAbove)) setPending({ what, estimate, go: () => void go(make) });
    else void go(make);
  };
  const batchFile = async () => {
    if (!version) return;
    setError(undefined);
    setBusy(true);
    try {
      const { run, jsonl, skipped } = await exportBatchApi({ promptVersionId: version.id, provider: config, caseIds: target.map((c) => c.id), name: `${prompt?.name ?? 'Prompt'} v${version.version} · ${scopeLabel} · Batch API` });
      downloadBlob(new Blob([jsonl], { type: 'application/jsonl' }), `batch-input-${run.id.slice(4, 12)}.jsonl`);
      setNote(`Saved the Batch API input file with ${run.caseIds.length} requests (custom_id = case id). Upload it with purpose "batch", then import the output file on the run below.${skipped.length ? ` Skipped: ${skipped.join(' ')}` : ''}`);
    } catch (e) {
      setError(message(e, 'The batch file could not be made.'));
    } finally {
      setBusy(false);
    }
  };
  const importOutput = async (r: Run, f: File) => {
    try {
      setNote(await importBatchOutput(r.id, await f.text(), f.name));
      setError(undefined);
    } catch (e) {
      setError(message(e, `${f.name} could not be read as a Batch API output file.`));
    }
  };
  const resumeRun = (r: Run) => void start(r.id).catch((e: unknown) => setError(message(e, 'The run could not be resumed.')));

  const calls = target.length * repeat;
  // Scans with a photo (MVTec 3D-AD) can send it, their renders, or both: the ablation may vary that too.
  const withPhotos = target.some((c) => c.kind === 'pointcloud' && (c.companionAssetIds?.length ?? 0) > 0);
  const varyModalities = withPhotos && ablationModalities;
  return {
    cases, runs, runIds, stored, elsewhere, config, ...pick, body, forClasses, ...t, estimateFor,
    repeat, setRepeat, force, setForce, ablationRefs, setAblationRefs, calls,
    withPhotos, ablationModalities, setAblationModalities, varyModalities,
    ablationRuns: version ? ablationRunCount(readPromptBody(version.body), ablationRefs, varyModalities) : 8,
    empty: body ? emptyKnowledge(body) : [],
    classNote: body && t.effScope === 'class' ? fitNote(body, t.chosenClass) : undefined,
    pending, setPending, error, busy, note, go, ask, batchFile, importOutput, resumeRun,
  };
}

export type BatchSession = ReturnType<typeof useBatchSession>;
