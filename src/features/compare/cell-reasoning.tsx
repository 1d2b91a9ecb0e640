import type { Case, Run } from '@/core/model';
import { runLabel } from '@/core/runs/run-label';
import { useCellResults } from '@/lib/runs/run-data';
import { Badge } from '@/components/ui/badge';
import type { CellRef } from '@/features/compare/use-compare-session';

/** One opened cell: every answer of the run for the case, reasoning as plain text (model output is untrusted). */
export function CellReasoning({ cell, run, c, onClose }: { cell: CellRef; run: Run | undefined; c: Case | undefined; onClose: () => void }) {
  const results = useCellResults(cell.runId, cell.caseId);
  return (
    <section className="flex min-h-0 min-w-0 flex-1 flex-col rounded-md bg-zinc-900/70 ring-1 ring-zinc-800" data-testid="cell-reasoning" aria-label="Reasoning of the cell">
      <header className="flex items-start gap-2 border-b border-zinc-800 px-3 py-1.5">
        <div className="min-w-0 flex-1">
          <div className="truncate text-xs font-medium text-zinc-100">{c?.name ?? cell.caseId}</div>
          <div className="truncate text-[11px] text-zinc-400">{run ? runLabel(run) : cell.runId}</div>
        </div>
        {c && <Badge tone={c.truth.status === 'anomalous' ? 'anomalous' : c.truth.status === 'normal' ? 'normal' : 'neutral'}>label: {c.truth.status}</Badge>}
        <button type="button" onClick={onClose} className="text-xs text-zinc-400 hover:text-zinc-100" aria-label="Close this cell">✕</button>
      </header>
      <div className="min-h-0 flex-1 space-y-2 overflow-y-auto p-3">
        {(results ?? []).sort((a, b) => a.rep - b.rep).map((r) => (
          <div key={r.id} className="text-xs">
            <div className="mb-1 flex flex-wrap items-center gap-1.5">
              {(results?.length ?? 0) > 1 && <span className="text-zinc-500">answer {r.rep + 1}</span>}
              <Badge tone={r.status !== 'ok' ? 'error' : r.verdict === 'anomalous' ? 'anomalous' : 'normal'}>{r.status === 'ok' ? r.verdict : r.status}</Badge>
              {r.score !== undefined && <span className="text-zinc-400">score {r.score.toFixed(2)} ({r.scoreSource})</span>}
              {!!r.violatedRules?.length && <span className="font-mono text-rose-300">violates {r.violatedRules.join(', ')}</span>}
            </div>
            <p className="whitespace-pre-wrap break-words text-zinc-200">{r.reasoning ?? r.error?.message ?? r.raw ?? 'No reasoning was returned.'}</p>
          </div>
        ))}
      </div>
    </section>
  );
}
