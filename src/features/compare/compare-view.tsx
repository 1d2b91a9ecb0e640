import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterTabs } from '@/components/filter-tabs';
import { MATRIX_FILTERS } from '@/core/metrics/matrix';
import { runLabel } from '@/core/runs/run-label';
import { useUiStore } from '@/stores/ui-store';
import { CellReasoning } from '@/features/compare/cell-reasoning';
import { MatrixTable } from '@/features/compare/matrix-table';
import { MAX_ROWS, useCompareSession } from '@/features/compare/use-compare-session';

const field = 'min-w-0 rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1 text-xs text-zinc-100';

/** Cases × runs: read where prompt versions and models differ, then open two cells side by side. */
export function CompareView() {
  const s = useCompareSession();
  const setView = useUiStore((x) => x.setView);
  if (!s.runs || !s.rows) return <div className="p-6 text-sm text-zinc-500">Loading runs…</div>;
  if (s.runs.length === 0)
    return (
      <EmptyState title="Nothing to compare yet" actions={<Button tone="primary" onClick={() => setView('runs')}>Open Runs</Button>}>
        Run two prompt versions or two models over the same cases in Runs → Batch; each run becomes a column here, each case a row.
      </EmptyState>
    );
  const shown = s.rows.slice(0, MAX_ROWS);
  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="compare-view">
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-800 bg-zinc-900/60 px-3 py-2">
        <FilterTabs label="Matrix filter" filters={MATRIX_FILTERS} value={s.filter} counts={s.counts} onChange={s.setFilter} className="flex-wrap" />
        <select aria-label="Class" value={s.className} onChange={(e) => s.setClassName(e.target.value)} className={field}>
          <option value="">All classes</option>
          {s.classes.map((k) => <option key={k}>{k}</option>)}
        </select>
        <select aria-label="Sort" value={s.sortRun} onChange={(e) => s.setSortRun(e.target.value)} className={`${field} max-w-64`}>
          <option value="">Cases in order</option>
          {s.columns.map((r) => <option key={r.id} value={r.id}>Score of {runLabel(r)}, highest first</option>)}
        </select>
        <details className="relative">
          <summary className="cursor-pointer rounded-md bg-zinc-800 px-2.5 py-1 text-xs text-zinc-200 hover:bg-zinc-700">Runs as columns ({s.columns.length})</summary>
          <div className="absolute left-0 z-20 mt-1 max-h-80 w-[min(32rem,90vw)] overflow-y-auto rounded-md bg-zinc-900 p-2 shadow-xl ring-1 ring-zinc-700">
            {[...s.batch, ...(s.runs ?? []).filter((r) => !s.batch.includes(r))].map((r) => (
              <label key={r.id} className="flex items-start gap-2 rounded px-1.5 py-1 text-xs text-zinc-200 hover:bg-zinc-800">
                <input type="checkbox" checked={s.columns.some((c) => c.id === r.id)} onChange={() => s.toggleColumn(r.id)} className="mt-0.5 accent-sky-500" />
                <span className="min-w-0 break-words">{runLabel(r)} <span className="text-zinc-500">· {r.caseIds.length} cases</span></span>
              </label>
            ))}
          </div>
        </details>
        <span className="ml-auto text-[11px] text-zinc-500">Click a cell to read its reasoning; click a second to compare them side by side.</span>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto overflow-x-hidden px-3 pb-3">
        {s.columns.length === 0 ? (
          <p className="p-4 text-sm text-zinc-500">Tick runs under “Runs as columns”.</p>
        ) : shown.length ? (
          <MatrixTable rows={shown} columns={s.columns} caseById={s.caseById} open={s.open} onOpen={s.openCell} />
        ) : (
          <p className="p-4 text-sm text-zinc-500">No case matches this filter.</p>
        )}
        {s.rows.length > MAX_ROWS && <p className="p-2 text-[11px] text-zinc-500">Showing the first {MAX_ROWS} of {s.rows.length} cases; pick a class or a filter to narrow.</p>}
      </div>
      {s.open.length > 0 && (
        <div className="flex h-[42%] min-h-40 shrink-0 gap-2 border-t border-zinc-800 bg-zinc-950 p-2" data-testid="open-cells">
          {s.open.map((cell) => (
            <CellReasoning key={`${cell.runId}:${cell.caseId}`} cell={cell} run={s.runs?.find((r) => r.id === cell.runId)} c={s.caseById.get(cell.caseId)} onClose={() => s.openCell(cell)} />
          ))}
        </div>
      )}
    </div>
  );
}
