import type { Run } from '@/core/model';
import { failedCount, runHealth, type OutcomeCounts } from '@/core/runs/outcome-counts';
import { runLabel, runModel } from '@/core/runs/run-label';
import type { ViewId } from '@/stores/ui-store';
import { costText } from '@/features/runs/use-run-estimate';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress-bar';
import { useBatchStore } from '@/stores/batch-store';
import { BatchApiJobs } from '@/features/runs/batch-api-jobs';

export function formatEta(ms: number | undefined): string {
  if (ms === undefined) return 'estimating…';
  if (ms <= 0) return 'done';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s left`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s left`;
  return `${Math.floor(m / 60)} h ${m % 60} min left`;
}

/** One run in the batch list: live progress while this tab runs it, stored counts otherwise. */
/** Badge tones of a run that has stopped, by how many of its answers gave a verdict. */
const HEALTH_TONE = { ok: 'normal', partial: 'unsure', failed: 'error' } as const;

export function BatchRunRow({ run, stored, elsewhere, onResume, onImport, onOpen }: { run: Run; stored: OutcomeCounts; elsewhere: boolean; onResume: (run: Run) => void; onImport: (run: Run, f: File) => void; onOpen: (runId: string, view: ViewId) => void }) {
  const batchApi = run.params.batchApi === true;
  const active = useBatchStore((s) => s.active[run.id]);
  const waiting = useBatchStore((s) => s.waiting.includes(run.id));
  const { pause, resume, cancel, setConcurrency, setRpm, unqueue } = useBatchStore.getState();
  const total = run.caseIds.length * run.repeat;
  const p = active?.progress;
  const live = p && (p.state === 'running' || p.state === 'paused');
  const saved = stored.saved;
  const unfinished = !live && !waiting && !batchApi && (run.status === 'running' || run.status === 'paused' || run.status === 'queued') && saved < total;
  // Another tab runs it: offer nothing that would buy the same calls again.
  const otherTab = unfinished && elsewhere;
  const interrupted = unfinished && !elsewhere;
  const variant = run.variant && run.variant.kind !== 'plain' ? run.variant.label ?? run.variant.kind : undefined;
  const reused = Math.max(active ? active.handle.reused : 0, stored.reused);
  const failed = failedCount(stored);
  const health = runHealth(stored, total);
  const state = waiting ? 'waiting' : otherTab ? 'elsewhere' : (p?.state ?? run.status);
  const finished = state === 'done';
  const badgeText = waiting ? 'queued: starts when the one before it ends' : otherTab ? 'running in another tab' : interrupted ? 'interrupted' : batchApi && saved < total && run.status !== 'done' && run.status !== 'cancelled' ? 'waiting for Batch API output' : finished && failed ? `done · ${failed} without a verdict` : state;
  const badgeTone = finished ? HEALTH_TONE[health] : run.status === 'cancelled' ? 'neutral' : interrupted ? 'unsure' : 'info';
  const model = runModel(run);
  return (
    <li className="rounded-lg border border-zinc-800 bg-zinc-900/60 p-3" data-testid="batch-run" data-run-id={run.id} data-state={state} data-health={health}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="min-w-0 truncate text-sm font-medium text-zinc-100" title={runLabel(run)}>{run.name}</span>
        {variant && <Badge tone="info">{variant}</Badge>}
        <Badge tone={badgeTone}>{badgeText}</Badge>
        <span className="text-[11px] text-zinc-500">{model} · {run.caseIds.length} cases{run.repeat > 1 ? ` × ${run.repeat}` : ''}</span>
        <div className="ml-auto flex flex-wrap gap-1">
          {saved > 0 && <Button className="px-2 py-1 text-xs" tone="ghost" onClick={() => onOpen(run.id, 'review')} title="Review this run's answers case by case">Review</Button>}
          {saved > 0 && <Button className="px-2 py-1 text-xs" tone="ghost" onClick={() => onOpen(run.id, 'metrics')} title="Accuracy, AUROC and failures of this run">Metrics</Button>}
          {live && p.state === 'running' && <Button className="px-2 py-1 text-xs" onClick={() => pause(run.id)}>Pause</Button>}
          {live && p.state === 'paused' && <Button className="px-2 py-1 text-xs" tone="primary" onClick={() => resume(run.id)}>Resume</Button>}
          {live && <Button className="px-2 py-1 text-xs" tone="danger" onClick={() => cancel(run.id)}>Cancel</Button>}
          {waiting && <Button className="px-2 py-1 text-xs" onClick={() => unqueue(run.id)}>Don’t run</Button>}
          {interrupted && <Button className="px-2 py-1 text-xs" tone="primary" onClick={() => onResume(run)}>Resume</Button>}
          {batchApi && saved < total && (
            <label className="cursor-pointer rounded-md border border-zinc-700 bg-zinc-800 px-2 py-1 text-xs text-zinc-100 hover:bg-zinc-700">
              Import batch output…
              <input type="file" accept=".jsonl,.json,application/jsonl" className="hidden" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) onImport(run, f); }} />
            </label>
          )}
        </div>
      </div>
      <div className="mt-2">
        <ProgressBar value={saved} max={total} label={`${run.name} progress`} />
      </div>
      <div className="mt-1.5 flex flex-wrap items-center gap-x-4 gap-y-1 text-[11px] text-zinc-400" data-testid="batch-counts">
        <span><b className="text-zinc-100 tabular-nums">{saved}</b> / {total} answered</span>
        <span className={stored.ok < saved ? '' : 'text-emerald-300'} data-testid="count-ok"><b className="tabular-nums">{stored.ok}</b> with a verdict</span>
        {(
          [
            ['unparsed', stored.unparsed, 'unparsed'],
            ['refused', stored.refused, 'refused'],
            ['error', stored.error, 'failed calls'],
          ] as const
        ).map(([k, n, text]) => (
          <span key={k} data-testid={`count-${k}`} className={n ? 'font-semibold text-red-300' : 'text-zinc-500'}>
            <b className="tabular-nums">{n}</b> {text}
          </span>
        ))}
        {p && live && <span>{p.running} running · {p.pending} queued{p.retries ? ` · ${p.retries} retries` : ''}</span>}
        {p && live && <span>{formatEta(p.etaMs)}</span>}
        <span>cost so far {stored.unpriced > 0 ? costText(undefined, model) : costText(p ? Math.max(p.costUsd, stored.costUsd) : stored.costUsd, model)}</span>
        {reused > 0 && <span className="text-sky-300" title="Same prompt version, model, parameters and images as an earlier run">{reused} reused from earlier identical runs (not paid again)</span>}
        {p?.holdUntil && live && <span className="text-amber-300">rate-limited: new calls wait until {new Date(p.holdUntil).toLocaleTimeString()}</span>}
        {p?.error && <span className="text-red-300">{p.error}</span>}
      </div>
      {run.batchJobs && <BatchApiJobs run={run} />}
      {live && (
        <div className="mt-2 flex items-center gap-3 text-[11px] text-zinc-400">
          <label className="flex items-center gap-1">Concurrency <input type="number" min={1} max={32} defaultValue={p.concurrency} onChange={(e) => +e.target.value > 0 && setConcurrency(run.id, +e.target.value)} className="w-14 rounded border border-zinc-700 bg-zinc-950 px-1 py-0.5 text-zinc-100" aria-label="Concurrency of this run" /></label>
          <label className="flex items-center gap-1">Requests / min <input type="number" min={0} placeholder="no limit" defaultValue={p.rpm ?? ''} onChange={(e) => setRpm(run.id, +e.target.value || undefined)} className="w-20 rounded border border-zinc-700 bg-zinc-950 px-1 py-0.5 text-zinc-100" aria-label="Requests per minute of this run" /></label>
        </div>
      )}
    </li>
  );
}
