import { useMemo, useState } from 'react';
import type { Run } from '@/core/model';
import { ablationRunCount, emptyKnowledge, type AblationReferences } from '@/core/runs/ablation';
import { isOneCaseRun } from '@/core/runs/run-label';
import { EMPTY_COUNTS } from '@/core/runs/outcome-counts';
import { needsConfirmation, type RunEstimate } from '@/core/runs/estimate';
import { casesForPrompt, defaultPromptFor, fitNote, promptClasses } from '@/core/prompt/prompt-classes';
import { usePromptHeads } from '@/lib/prompt/prompt-heads';
import { costText, useRunEstimate } from '@/features/runs/use-run-estimate';
import { readPromptBody } from '@/core/prompt/prompt-body';
import { projectDb } from '@/lib/storage/db';
import { useLiveQuery } from '@/lib/storage/live-query';
import { useRunCounts, useRuns, useTestCases } from '@/lib/runs/run-data';
import { createAblationRuns, createControlRun, createPlainRun, type RunTarget } from '@/lib/runs/experiments';
import { downloadBlob } from '@/lib/export/download';
import { createBaselineExecutor, createBaselineRun } from '@/lib/baseline/detector';
import { exportBatchApi, importBatchOutput } from '@/lib/export/results-io';
import { useBatchStore } from '@/stores/batch-store';
import { useRunsElsewhere } from '@/components/use-runs-elsewhere';
import { useProviderStore } from '@/stores/provider-store';
import { useUiStore } from '@/stores/ui-store';
import { Button } from '@/components/ui/button';
import { BatchRunRow } from '@/features/runs/batch-run-row';
import { BatchApiSubmit } from '@/features/runs/batch-api-submit';

type Scope = 'selected' | 'class' | 'unlabelled' | 'labelled' | 'all';

const field = 'rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 text-xs text-zinc-100';

/** Batch runs: choose prompt and cases, run (or control / ablate), watch and steer the queue. */
export function BatchPanel() {
  const cases = useTestCases();
  const runs = useRuns();
  const heads = usePromptHeads();
  const prompts = useMemo(() => heads?.map((h) => h.prompt), [heads]);
  const selected = useUiStore((s) => s.selectedCaseIds);
  const config = useProviderStore((s) => s.config);
  const { concurrency, rpm, confirmAbove, setDefaults, start, startInTurn } = useBatchStore();
  const openRun = useUiStore((s) => s.openRun);
  const [includeOthers, setIncludeOthers] = useState(false);
  const [pending, setPending] = useState<{ what: string; estimate: RunEstimate; go: () => void }>();
  const [promptId, setPromptId] = useState<string>();
  const [versionId, setVersionId] = useState<string>();
  const [scope, setScope] = useState<Scope>();
  const [klass, setKlass] = useState('');
  const [repeat, setRepeat] = useState(1);
  const [force, setForce] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string>();
  const [ablationRefs, setAblationRefs] = useState<AblationReferences>('fixed');
  const [ablationModalities, setAblationModalities] = useState(false);

  // With cases selected, the prompt follows their class (the same rule as One case).
  const selectedClass = useMemo(() => cases?.find((c) => selected.has(c.id))?.className, [cases, selected]);
  const suggested = selectedClass && heads ? defaultPromptFor(selectedClass, heads).promptId : undefined;
  const prompt = prompts?.find((p) => p.id === promptId) ?? prompts?.find((p) => p.id === suggested) ?? prompts?.[0];
  const versions = useLiveQuery(async () => (prompt ? (await projectDb().promptVersions.where('promptId').equals(prompt.id).toArray()).sort((a, b) => b.version - a.version) : []), [prompt?.id]);
  const version = versions?.find((v) => v.id === versionId) ?? versions?.find((v) => v.id === prompt?.headVersionId) ?? versions?.[0];
  const body = useMemo(() => (version ? readPromptBody(version.body) : undefined), [version]);
  const forClasses = useMemo(() => (body ? promptClasses(body) : []), [body]);
  // The prompt's own classes first: a class the prompt does not cover is a deliberate choice.
  const classes = useMemo(() => {
    const all = [...new Set((cases ?? []).map((c) => c.className))].sort();
    return [...all.filter((k) => forClasses.includes(k)), ...all.filter((k) => !forClasses.includes(k))];
  }, [cases, forClasses]);
  const effScope: Scope = scope ?? (selected.size > 0 ? 'selected' : 'all');
  const chosenClass = klass && classes.includes(klass) ? klass : classes[0] || '';
  const scoped = useMemo(() => {
    const all = cases ?? [];
    switch (effScope) {
      case 'selected':
        return all.filter((c) => selected.has(c.id));
      case 'class':
        return all.filter((c) => c.className === chosenClass);
      case 'unlabelled':
        return all.filter((c) => c.truth.status === 'unlabelled');
      case 'labelled':
        return all.filter((c) => c.truth.status === 'normal' || c.truth.status === 'anomalous');
      case 'all':
        return all;
    }
  }, [cases, effScope, selected, chosenClass]);
  const covered = useMemo(() => (body ? casesForPrompt(body, scoped) : scoped), [body, scoped]);
  const target = includeOthers || effScope === 'class' ? scoped : covered;
  const leftOut = scoped.length - covered.length;
  const estimateFor = useRunEstimate(body, target);
  const scopeLabel = effScope === 'selected' ? `${target.length} selected` : effScope === 'class' ? chosenClass : `${effScope} (${target.length})`;
  const empty = body ? emptyKnowledge(body) : [];
  const classNote = body && effScope === 'class' ? fitNote(body, chosenClass) : undefined;

  const runIds = useMemo(() => (runs ?? []).slice(0, 30).map((r) => r.id), [runs]);
  const stored = useRunCounts(runIds);

  /** Starts at once, or asks first when the estimate is above the user's limit. */
  const ask = (what: string, calls: number, make: (t: RunTarget) => Promise<Run | Run[]>) => {
    const estimate = estimateFor?.(calls);
    if (estimate && needsConfirmation(estimate, confirmAbove)) setPending({ what, estimate, go: () => void go(make) });
    else void go(make);
  };
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
      else void startInTurn(list.map((r) => r.id), { force }).catch((e: unknown) => setError(e instanceof Error ? e.message : 'A run of the set could not be started.'));
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The run could not be started; check the prompt and the provider settings.');
    } finally {
      setBusy(false);
    }
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
      setError(e instanceof Error ? e.message : 'The batch file could not be made.');
    } finally {
      setBusy(false);
    }
  };
  const importOutput = async (r: Run, f: File) => {
    try {
      setNote(await importBatchOutput(r.id, await f.text(), f.name));
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : `${f.name} could not be read as a Batch API output file.`);
    }
  };
  const elsewhere = useRunsElsewhere();
  const resumeRun = (r: Run) => void start(r.id).catch((e: unknown) => setError(e instanceof Error ? e.message : 'The run could not be resumed.'));

  if (!cases || !prompts) return null;
  const calls = target.length * repeat;
  // Scans with a photo (MVTec 3D-AD) can send it, their renders, or both: the ablation may vary that too.
  const withPhotos = target.some((c) => c.kind === 'pointcloud' && (c.companionAssetIds?.length ?? 0) > 0);
  const varyModalities = withPhotos && ablationModalities;
  const ablationRuns = version ? ablationRunCount(readPromptBody(version.body), ablationRefs, varyModalities) : 8;
  const noPrompt = prompts.length === 0;

  return (
    <section className="max-w-6xl space-y-3" aria-label="Batch runs" data-testid="batch-panel">
      <div className="rounded-lg border border-zinc-800 bg-zinc-900/40 p-3">
        <h2 className="mb-2 text-sm font-semibold">Batch run</h2>
        {noPrompt ? (
          <p className="text-xs text-zinc-400">Create a prompt in the Prompts tab first; batch runs use one of its versions.</p>
        ) : (
          <div className="space-y-2.5">
            <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-300">
              <label className="flex items-center gap-1.5">Prompt
                <select aria-label="Batch prompt" className={field} value={prompt?.id} onChange={(e) => { setPromptId(e.target.value); setVersionId(undefined); }}>
                  {prompts.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
                </select>
              </label>
              <select aria-label="Batch prompt version" className={field} value={version?.id} onChange={(e) => setVersionId(e.target.value)}>
                {versions?.map((v) => <option key={v.id} value={v.id}>v{v.version}{v.id === prompt?.headVersionId ? ' (latest)' : ''}</option>)}
              </select>
              <span className="text-zinc-500">→ {config.model} at {config.baseURL}</span>
            </div>
            <div className="flex flex-wrap items-center gap-1.5 text-xs" role="radiogroup" aria-label="Batch scope">
              <span className="mr-1 text-zinc-400">Cases</span>
              {(
                [
                  ['selected', `Selected (${selected.size})`],
                  ['class', 'Class'],
                  ['unlabelled', 'Unlabelled'],
                  ['labelled', 'Labelled'],
                  ['all', `All (${cases.length})`],
                ] as const
              ).map(([id, title]) => (
                <button key={id} type="button" role="radio" aria-checked={effScope === id} disabled={id === 'selected' && selected.size === 0} onClick={() => setScope(id)} className={`rounded px-2 py-1 disabled:opacity-40 ${effScope === id ? 'bg-sky-600 text-white' : 'bg-zinc-800 text-zinc-300 hover:bg-zinc-700'}`}>{title}</button>
              ))}
              {effScope === 'class' && (
                <select aria-label="Class to run" className={field} value={chosenClass} onChange={(e) => setKlass(e.target.value)}>
                  {classes.map((k) => <option key={k}>{k}</option>)}
                </select>
              )}
            </div>
            <div className="flex flex-wrap items-center gap-3 text-xs text-zinc-300">
              <label className="flex items-center gap-1.5" title="Ask each case several times; the majority is the verdict, the vote share the score, and disagreement is shown as flips. Needs a temperature above 0.">Repeat
                <input type="number" min={1} max={10} value={repeat} onChange={(e) => setRepeat(Math.max(1, Math.min(10, Math.floor(+e.target.value) || 1)))} className={`${field} w-14`} aria-label="Repeats" />
              </label>
              <label className="flex items-center gap-1.5">Concurrency
                <input type="number" min={1} max={32} value={concurrency} onChange={(e) => setDefaults({ concurrency: Math.max(1, Math.floor(+e.target.value) || 1) })} className={`${field} w-14`} aria-label="Concurrency" />
              </label>
              <label className="flex items-center gap-1.5">Requests / min
                <input type="number" min={0} value={rpm ?? ''} placeholder="no limit" onChange={(e) => setDefaults({ rpm: +e.target.value > 0 ? +e.target.value : undefined })} className={`${field} w-20`} aria-label="Requests per minute" />
              </label>
              <label className="flex items-center gap-1.5" title="By default an answer already bought with the same prompt version, model, parameters and images is reused.">
                <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Re-run even when an identical answer exists
              </label>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <Button tone="primary" className="px-2.5 py-1 text-xs" disabled={!version || !target.length || busy} onClick={() => ask('This batch', calls, createPlainRun)}>Run {calls} call{calls === 1 ? '' : 's'}</Button>
              <Button disabled={!version || !target.length || busy} className="px-2.5 py-1 text-xs" onClick={() => ask('This control run', calls, (t) => createControlRun(t, 'blank-query'))} title="Same prompt, query image replaced by a blank one: verdicts that do not change ignore the image.">Control: blank query</Button>
              <Button disabled={!version || !target.length || busy || classes.length < 2} className="px-2.5 py-1 text-xs" onClick={() => ask('This control run', calls, (t) => createControlRun(t, 'swapped-references'))} title="Same prompt with another class's normal references.">Control: swap references</Button>
              <Button disabled={!version || !target.length || busy} className="px-2.5 py-1 text-xs" onClick={() => ask(`This ablation (${ablationRuns} runs)`, calls * ablationRuns, (t) => createAblationRuns(t, undefined, ablationRefs, varyModalities))} title="One run per combination of references, rules, class context and, when the prompt has them, known defects (task always on).">Ablation: {ablationRuns} runs ({calls * ablationRuns} calls)</Button>
              <select aria-label="Ablation references" className={field} value={ablationRefs} onChange={(e) => setAblationRefs(e.target.value as AblationReferences)} title="How the variants that send references choose them.">
                <option value="fixed">with fixed references</option>
                <option value="retrieved">with retrieved references</option>
                <option value="both">fixed vs retrieved references</option>
              </select>
              {withPhotos && (
                <label className="flex items-center gap-1 text-xs text-zinc-300" title="Three more runs with the prompt's own knowledge: scans send their RGB photo only, their renders only, or both.">
                  <input type="checkbox" checked={ablationModalities} onChange={(e) => setAblationModalities(e.target.checked)} /> + modality runs: RGB only / renders only / both
                </label>
              )}
              <Button disabled={!target.length || busy} className="px-2.5 py-1 text-xs" onClick={() => void go(async (t) => createBaselineRun(t.caseIds), true)} title="The offline patch-difference detector on these cases: no key, no network, no cost. A yardstick for the model runs.">Offline baseline (no key)</Button>
              <Button tone="ghost" disabled={!version || !target.length || busy} className="px-2.5 py-1 text-xs" onClick={() => void batchFile()} title="For sets too large for a browser tab: one request per case for the OpenAI Batch API; import its output file here later.">OpenAI Batch file…</Button>
            </div>
            {leftOut > 0 && effScope !== 'class' && (
              <label className="flex items-center gap-1.5 text-[11px] text-amber-300" data-testid="batch-left-out">
                <input type="checkbox" checked={includeOthers} onChange={(e) => setIncludeOthers(e.target.checked)} />
                {includeOthers ? `Including ${leftOut} case${leftOut === 1 ? '' : 's'} of classes this prompt is not written for (${forClasses.join(', ')} only).` : `${leftOut} case${leftOut === 1 ? '' : 's'} of other classes left out: this prompt is written for ${forClasses.join(', ')}. Tick to include them.`}
              </label>
            )}
            {classNote && <p className="text-[11px] text-amber-300" data-testid="batch-class-note">{classNote}</p>}
            {estimateFor && target.length > 0 && (
              <p className="text-[11px] text-zinc-400" data-testid="batch-estimate">
                Estimate: {calls} call{calls === 1 ? '' : 's'}, cost {costText(estimateFor(calls).costUsd, config.model)} — tokens {estimateFor(calls).perCall.basis}; identical earlier answers are reused and not paid again.{' '}
                <label className="ml-1 inline-flex items-center gap-1">Ask before runs above $
                  <input type="number" min={0} step={0.5} aria-label="Ask above cost" value={confirmAbove.usd} onChange={(e) => setDefaults({ confirmAbove: { ...confirmAbove, usd: Math.max(0, +e.target.value || 0) } })} className={`${field} w-16`} />
                </label>
                <label className="ml-1 inline-flex items-center gap-1">or
                  <input type="number" min={0} aria-label="Ask above calls" value={confirmAbove.calls} onChange={(e) => setDefaults({ confirmAbove: { ...confirmAbove, calls: Math.max(0, Math.floor(+e.target.value) || 0) } })} className={`${field} w-16`} /> calls
                </label>
              </p>
            )}
            {pending && (
              <div role="alertdialog" aria-label="Confirm run" data-testid="batch-confirm" className="flex flex-wrap items-center gap-2 rounded bg-amber-950/60 p-2 text-xs text-amber-100 ring-1 ring-amber-800">
                <span>{pending.what} makes up to {pending.estimate.calls} calls to {config.model}, estimated cost {costText(pending.estimate.costUsd, config.model)}. Start it?</span>
                <Button tone="primary" className="px-2 py-1 text-xs" onClick={pending.go}>Start {pending.estimate.calls} calls</Button>
                <Button className="px-2 py-1 text-xs" onClick={() => setPending(undefined)}>Not now</Button>
              </div>
            )}
            <BatchApiSubmit versionId={version?.id} caseIds={target.map((c) => c.id)} name={`${prompt?.name ?? 'Prompt'} v${version?.version ?? ''} · ${scopeLabel} · Batch API`} disabled={busy} />
            {note && <p role="status" className="rounded bg-sky-950/50 p-2 text-xs text-sky-100">{note}</p>}
            {empty.length > 0 && <p className="text-[11px] text-amber-300">This version has no {empty.join(', ')}: ablation variants with them switched on repeat the ones without.</p>}
            {error && <p role="alert" className="rounded bg-rose-950/70 p-2 text-xs text-rose-200">{error}</p>}
          </div>
        )}
      </div>
      <ul className="space-y-2" aria-label="Batch runs list">
        {(runs ?? [])
          .filter((r) => runIds.includes(r.id) && !isOneCaseRun(r))
          .map((r) => <BatchRunRow key={r.id} run={r} stored={stored?.[r.id] ?? EMPTY_COUNTS} elsewhere={elsewhere.has(r.id)} onResume={resumeRun} onImport={importOutput} onOpen={openRun} />)}
      </ul>
    </section>
  );
}
