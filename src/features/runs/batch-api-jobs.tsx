import type { Run } from '@/core/model';
import { statusWords, summariseJobs } from '@/core/runs/batch-api';
import { Button } from '@/components/ui/button';
import { useBatchApiSession } from '@/features/runs/use-batch-api-session';
import { useRunResults } from '@/lib/runs/run-data';

/** A run's batches at the provider: status and counts per part, errors, check now, cancel. */
export function BatchApiJobs({ run }: { run: Run }) {
  const s = useBatchApiSession(run);
  const jobs = run.batchJobs ?? [];
  const sum = summariseJobs(jobs);
  const cancellable = jobs.some((j) => j.status === 'validating' || j.status === 'in_progress' || j.status === 'finalizing');
  const results = useRunResults(run.id);
  const answered = new Set((results ?? []).filter((r) => r.status !== 'error').map((r) => r.caseId));
  const unanswered = results && !s.pending && (run.status === 'done' || run.status === 'cancelled') ? run.caseIds.filter((id) => !answered.has(id)).length : 0;
  return (
    <div className="mt-2 space-y-1 rounded border border-zinc-800 bg-zinc-950/50 p-2 text-[11px] text-zinc-300" data-testid="batch-api-jobs" data-pending={s.pending ? 'yes' : 'no'}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-zinc-100">Batch API</span>
        <span data-testid="batch-api-summary">
          {sum.parts} batch{sum.parts === 1 ? '' : 'es'} · {sum.completed} of {sum.requests} answered{sum.failed ? ` · ${sum.failed} failed` : ''} · {sum.finished} of {sum.parts} finished
        </span>
        <span className="text-zinc-500">billed at the batch price (50 % off)</span>
        <div className="ml-auto flex items-center gap-1">
          {s.pending && !s.blocked && <span className="text-zinc-500">{s.checking ? 'checking…' : s.nextAt ? `next check ${new Date(s.nextAt).toLocaleTimeString()}` : ''}</span>}
          {s.pending && !s.blocked && <Button className="px-2 py-0.5 text-[11px]" disabled={s.checking} onClick={s.checkNow}>Check now</Button>}
          {cancellable && !s.blocked && <Button tone="danger" className="px-2 py-0.5 text-[11px]" onClick={() => void s.cancel()}>Cancel batch</Button>}
          {unanswered > 0 && (
            <Button className="px-2 py-0.5 text-[11px]" onClick={() => void s.resend()} title="A new Batch API run with the same prompt version, for the cases without an answer or with a failed one">
              Send {unanswered} unanswered case{unanswered === 1 ? '' : 's'} again
            </Button>
          )}
        </div>
      </div>
      <ul className="space-y-0.5">
        {jobs.map((j, i) => (
          <li key={j.id} data-testid="batch-api-job" data-status={j.status} className="flex flex-wrap gap-x-3">
            <span className="text-zinc-400">part {i + 1}</span>
            <span className="font-mono text-zinc-500">{j.id}</span>
            <span className={j.status === 'failed' || j.status === 'expired' ? 'text-red-300' : j.status === 'completed' ? 'text-emerald-300' : 'text-sky-300'}>{statusWords(j.status)}</span>
            <span>
              {j.counts ? `${j.counts.completed} / ${j.counts.total || j.requests} done${j.counts.failed ? `, ${j.counts.failed} failed` : ''}` : `${j.requests} requests`}
            </span>
            {j.error && <span role="alert" className="basis-full text-red-300">{j.error}</span>}
          </li>
        ))}
      </ul>
      {run.batchNote && <p role="alert" className="text-red-300">{run.batchNote}</p>}
      {s.blocked && <p role="status" className="text-amber-300">{s.blocked}</p>}
      {s.error && <p role="alert" className="text-red-300">{s.error}</p>}
      {s.message && <p role="status" className="text-sky-200">{s.message}</p>}
    </div>
  );
}
