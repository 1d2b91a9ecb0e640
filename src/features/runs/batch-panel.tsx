import type { AblationReferences } from '@/core/runs/ablation';
import { isOneCaseRun } from '@/core/runs/run-label';
import { EMPTY_COUNTS } from '@/core/runs/outcome-counts';
import { createAblationRuns, createControlRun, createPlainRun } from '@/lib/runs/experiments';
import { createBaselineRun } from '@/lib/baseline/detector';
import { useBatchStore } from '@/stores/batch-store';
import { useUiStore } from '@/stores/ui-store';
import { Button } from '@/components/ui/button';
import { BatchRunRow } from '@/features/runs/batch-run-row';
import { BatchApiSubmit } from '@/features/runs/batch-api-submit';
import { costText } from '@/features/runs/use-run-estimate';
import { useBatchSession, type BatchSession } from '@/features/runs/use-batch-session';

const field = 'rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 text-xs text-zinc-100';

/** Batch runs: choose prompt and cases, run (or control / ablate), watch and steer the queue. */
export function BatchPanel() {
  const s = useBatchSession();
  const openRun = useUiStore((st) => st.openRun);
  const { cases, prompts, runs, leftOut, effScope, includeOthers, forClasses, version, prompt, target, busy, note, empty, error } = s;
  if (!cases || !prompts) return null;
  return (
    <section className="max-w-6xl space-y-3" aria-label="Batch runs" data-testid="batch-panel">
      <div className="rounded-lg border border-zinc-800 bg-zinc-900/40 p-3">
        <h2 className="mb-2 text-sm font-semibold">Batch run</h2>
        {prompts.length === 0 ? (
          <p className="text-xs text-zinc-400">Create a prompt in the Prompts tab first; batch runs use one of its versions.</p>
        ) : (
          <div className="space-y-2.5">
            <PromptRow s={s} />
            <ScopeRow s={s} />
            <OptionsRow s={s} />
            <ActionRow s={s} />
            {leftOut > 0 && effScope !== 'class' && (
              <label className="flex items-center gap-1.5 text-[11px] text-amber-300" data-testid="batch-left-out">
                <input type="checkbox" checked={includeOthers} onChange={(e) => s.setIncludeOthers(e.target.checked)} />
                {includeOthers ? `Including ${leftOut} case${leftOut === 1 ? '' : 's'} of classes this prompt is not written for (${forClasses.join(', ')} only).` : `${leftOut} case${leftOut === 1 ? '' : 's'} of other classes left out: this prompt is written for ${forClasses.join(', ')}. Tick to include them.`}
              </label>
            )}
            {s.classNote && <p className="text-[11px] text-amber-300" data-testid="batch-class-note">{s.classNote}</p>}
            <EstimateLine s={s} />
            <ConfirmBar s={s} />
            <BatchApiSubmit versionId={version?.id} caseIds={target.map((c) => c.id)} name={`${prompt?.name ?? 'Prompt'} v${version?.version ?? ''} · ${s.scopeLabel} · Batch API`} disabled={busy} />
            {note && <p role="status" className="rounded bg-sky-950/50 p-2 text-xs text-sky-100">{note}</p>}
            {empty.length > 0 && <p className="text-[11px] text-amber-300">This version has no {empty.join(', ')}: ablation variants with them switched on repeat the ones without.</p>}
            {error && <p role="alert" className="rounded bg-rose-950/70 p-2 text-xs text-rose-200">{error}</p>}
          </div>
        )}
      </div>
      <ul className="space-y-2" aria-label="Batch runs list">
        {(runs ?? [])
          .filter((r) => s.runIds.includes(r.id) && !isOneCaseRun(r))
          .map((r) => <BatchRunRow key={r.id} run={r} stored={s.stored?.[r.id] ?? EMPTY_COUNTS} elsewhere={s.elsewhere.has(r.id)} onResume={s.resumeRun} onImport={s.importOutput} onOpen={openRun} />)}
      </ul>
    </section>
  );
}

/** Prompt and version of the batch, and where it goes. */
function PromptRow({ s }: { s: BatchSession }) {
  const { prompt, version, config } = s;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-300">
      <label className="flex items-center gap-1.5">Prompt
        <select aria-label="Batch prompt" className={field} value={prompt?.id} onChange={(e) => { s.pickPrompt(e.target.value); }}>
          {(s.prompts ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <select aria-label="Batch prompt version" className={field} value={version?.id} onChange={(e) => s.pickVersion(e.target.value)}>
        {s.versions?.map((v) => <option key={v.id} value={v.id}>v{v.version}{v.id === prompt?.headVersionId ? ' (latest)' : ''}</option>)}
      </select>
      <span className="text-zinc-500">→ {config.model} at {config.baseURL}</span>
    </div>
  );
}

/** Which cases: the selection, a class, the unlabelled or labelled ones, or all. */
function ScopeRow({ s }: { s: BatchSession }) {
  const { effScope, selected, chosenClass } = s;
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-xs" role="radiogroup" aria-label="Batch scope">
      <span className="mr-1 text-zinc-400">Cases</span>
      {(
        [
          ['selected', `Selected (${selected.size})`],
          ['class', 'Class'],
          ['unlabelled', 'Unlabelled'],
          ['labelled', 'Labelled'],
          ['all', `All (${s.cases?.length ?? 0})`],
        ] as const
      ).map(([id, title]) => (
        <button key={id} type="button" role="radio" aria-checked={effScope === id} disabled={id === 'selected' && selected.size === 0} onClick={() => s.setScope(id)} className={`rounded px-2 py-1 disabled:opacity-40 ${effScope === id ? 'bg-sky-600 text-white' : 'bg-zinc-800 text-zinc-300 hover:bg-zinc-700'}`}>{title}</button>
      ))}
      {effScope === 'class' && (
        <select aria-label="Class to run" className={field} value={chosenClass} onChange={(e) => s.setKlass(e.target.value)}>
          {s.classes.map((k) => <option key={k}>{k}</option>)}
        </select>
      )}
    </div>
  );
}

/** Repeats, concurrency, rate limit and re-running identical requests. */
function OptionsRow({ s }: { s: BatchSession }) {
  const { concurrency, rpm, setDefaults } = useBatchStore();
  const { repeat, force } = s;
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs text-zinc-300">
      <label className="flex items-center gap-1.5" title="Ask each case several times; the majority is the verdict, the vote share the score, and disagreement is shown as flips. Needs a temperature above 0.">Repeat
        <input type="number" min={1} max={10} value={repeat} onChange={(e) => s.setRepeat(Math.max(1, Math.min(10, Math.floor(+e.target.value) || 1)))} className={`${field} w-14`} aria-label="Repeats" />
      </label>
      <label className="flex items-center gap-1.5">Concurrency
        <input type="number" min={1} max={32} value={concurrency} onChange={(e) => setDefaults({ concurrency: Math.max(1, Math.floor(+e.target.value) || 1) })} className={`${field} w-14`} aria-label="Concurrency" />
      </label>
      <label className="flex items-center gap-1.5">Requests / min
        <input type="number" min={0} value={rpm ?? ''} placeholder="no limit" onChange={(e) => setDefaults({ rpm: +e.target.value > 0 ? +e.target.value : undefined })} className={`${field} w-20`} aria-label="Requests per minute" />
      </label>
      <label className="flex items-center gap-1.5" title="By default an answer already bought with the same prompt version, model, parameters and images is reused.">
        <input type="checkbox" checked={force} onChange={(e) => s.setForce(e.target.checked)} /> Re-run even when an identical answer exists
      </label>
    </div>
  );
}

/** Run, controls, ablation, the offline baseline and the Batch API file. */
function ActionRow({ s }: { s: BatchSession }) {
  const { version, target, busy, calls, ablationRuns, ablationRefs, ask, go } = s;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button tone="primary" className="px-2.5 py-1 text-xs" disabled={!version || !target.length || busy} onClick={() => ask('This batch', calls, createPlainRun)}>Run {calls} call{calls === 1 ? '' : 's'}</Button>
      <Button disabled={!version || !target.length || busy} className="px-2.5 py-1 text-xs" onClick={() => ask('This control run', calls, (t) => createControlRun(t, 'blank-query'))} title="Same prompt, query image replaced by a blank one: verdicts that do not change ignore the image.">Control: blank query</Button>
      <Button disabled={!version || !target.length || busy || s.classes.length < 2} className="px-2.5 py-1 text-xs" onClick={() => ask('This control run', calls, (t) => createControlRun(t, 'swapped-references'))} title="Same prompt with another class's normal references.">Control: swap references</Button>
      <Button disabled={!version || !target.length || busy} className="px-2.5 py-1 text-xs" onClick={() => ask(`This ablation (${ablationRuns} runs)`, calls * ablationRuns, (t) => createAblationRuns(t, undefined, ablationRefs, s.varyModalities))} title="One run per combination of references, rules, class context and, when the prompt has them, known defects (task always on).">Ablation: {ablationRuns} runs ({calls * ablationRuns} calls)</Button>
      <select aria-label="Ablation references" className={field} value={ablationRefs} onChange={(e) => s.setAblationRefs(e.target.value as AblationReferences)} title="How the variants that send references choose them.">
        <option value="fixed">with fixed references</option>
        <option value="retrieved">with retrieved references</option>
        <option value="both">fixed vs retrieved references</option>
      </select>
      {s.withPhotos && (
        <label className="flex items-center gap-1 text-xs text-zinc-300" title="Three more runs with the prompt's own knowledge: scans send their RGB photo only, their renders only, or both.">
          <input type="checkbox" checked={s.ablationModalities} onChange={(e) => s.setAblationModalities(e.target.checked)} /> + modality runs: RGB only / renders only / both
        </label>
      )}
      <Button disabled={!target.length || busy} className="px-2.5 py-1 text-xs" onClick={() => void go(async (t) => createBaselineRun(t.caseIds), true)} title="The offline patch-difference detector on these cases: no key, no network, no cost. A yardstick for the model runs.">Offline baseline (no key)</Button>
      <Button tone="ghost" disabled={!version || !target.length || busy} className="px-2.5 py-1 text-xs" onClick={() => void s.batchFile()} title="For sets too large for a browser tab: one request per case for the OpenAI Batch API; import its output file here later.">OpenAI Batch file…</Button>
    </div>
  );
}

/** Calls and cost before starting, with the limit above which a run asks first. */
function EstimateLine({ s }: { s: BatchSession }) {
  const { confirmAbove, setDefaults } = useBatchStore();
  const { estimateFor, target, calls, config } = s;
  if (!estimateFor || !target.length) return null;
  return (
      <p className="text-[11px] text-zinc-400" data-testid="batch-estimate">
        Estimate: {calls} call{calls === 1 ? '' : 's'}, cost {costText(estimateFor(calls).costUsd, config.model)} — tokens {estimateFor(calls).perCall.basis}; identical earlier answers are reused and not paid again.{' '}
        <label className="ml-1 inline-flex items-center gap-1">Ask before runs above $
          <input type="number" min={0} step={0.5} aria-label="Ask above cost" value={confirmAbove.usd} onChange={(e) => setDefaults({ confirmAbove: { ...confirmAbove, usd: Math.max(0, +e.target.value || 0) } })} className={`${field} w-16`} />
        </label>
        <label className="ml-1 inline-flex items-center gap-1">or
          <input type="number" min={0} aria-label="Ask above calls" value={confirmAbove.calls} onChange={(e) => setDefaults({ confirmAbove: { ...confirmAbove, calls: Math.max(0, Math.floor(+e.target.value) || 0) } })} className={`${field} w-16`} /> calls
        </label>
      </p>
  );
}

/** The question asked before a run above the limit. */
function ConfirmBar({ s }: { s: BatchSession }) {
  const { pending, config } = s;
  if (!pending) return null;
  return (
      <div role="alertdialog" aria-label="Confirm run" data-testid="batch-confirm" className="flex flex-wrap items-center gap-2 rounded bg-amber-950/60 p-2 text-xs text-amber-100 ring-1 ring-amber-800">
        <span>{pending.what} makes up to {pending.estimate.calls} calls to {config.model}, estimated cost {costText(pending.estimate.costUsd, config.model)}. Start it?</span>
        <Button tone="primary" className="px-2 py-1 text-xs" onClick={pending.go}>Start {pending.estimate.calls} calls</Button>
        <Button className="px-2 py-1 text-xs" onClick={() => s.setPending(undefined)}>Not now</Button>
      </div>
  );
}
