import type { Case, Run } from '@/core/model';
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import { cellWrong, type MatrixRow } from '@/core/metrics/matrix';
import { runLabel } from '@/core/runs/run-label';
import { Badge } from '@/components/ui/badge';
import { CaseThumb } from '@/components/case-thumb';
import type { CellRef } from '@/features/compare/use-compare-session';

const LABEL_TONE = { normal: 'normal', anomalous: 'anomalous', unsure: 'unsure', unlabelled: 'neutral' } as const;

/** Cases × runs: each cell the run's verdict and score; a red mark where it contradicts the label. */
export function MatrixTable({ rows, columns, caseById, open, onOpen }: { rows: MatrixRow[]; columns: Run[]; caseById: Map<string, Case>; open: CellRef[]; onOpen: (c: CellRef) => void }) {
  return (
    <table className="w-full table-fixed border-separate border-spacing-0 text-xs" data-testid="compare-matrix">
      <colgroup>
        <col className="w-[min(18rem,34%)]" />
        {columns.map((r) => <col key={r.id} />)}
      </colgroup>
      <thead className="sticky top-0 z-10 bg-zinc-950">
        <tr>
          <th className="border-b border-zinc-800 px-2 py-1.5 text-left font-medium text-zinc-400">Case</th>
          {columns.map((r) => (
            <th key={r.id} className="border-b border-zinc-800 px-1.5 py-1.5 text-left align-bottom font-medium text-zinc-300" data-testid="matrix-column" title={runLabel(r)}>
              <span className="line-clamp-3 break-words">{runLabel(r)}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const c = caseById.get(row.caseId);
          return (
            <tr key={row.caseId} data-testid="matrix-row" data-case-id={row.caseId} className={row.runsDisagree ? 'bg-amber-950/15' : ''}>
              <th scope="row" className="border-b border-zinc-900 px-2 py-1 text-left font-normal">
                <div className="flex min-w-0 items-center gap-2">
                  {c && <CaseThumb c={c} className="h-9 w-9 shrink-0 rounded" />}
                  <div className="min-w-0">
                    <div className="truncate text-zinc-100" title={c?.name}>{c?.name.split('/').pop() ?? row.caseId}</div>
                    <div className="flex items-center gap-1 text-[10px] text-zinc-500">
                      <span className="truncate">{row.className}</span>
                      <Badge tone={LABEL_TONE[row.truth]}>{row.truth}</Badge>
                      {row.runsDisagree && <span className="text-amber-300" title="The runs give different verdicts">⇄</span>}
                    </div>
                  </div>
                </div>
              </th>
              {row.cells.map((cell, i) => {
                const runId = columns[i].id;
                const isOpen = open.some((o) => o.runId === runId && o.caseId === row.caseId);
                return (
                  <td key={runId} className="border-b border-zinc-900 px-1 py-1">
                    <MatrixCell cell={cell} open={isOpen} onClick={() => onOpen({ runId, caseId: row.caseId })} />
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function MatrixCell({ cell, open, onClick }: { cell: CaseOutcome | undefined; open: boolean; onClick: () => void }) {
  if (!cell) return <span className="block text-center text-zinc-700" title="This run did not ask about this case">—</span>;
  const wrong = cellWrong(cell);
  const tone = cell.outcome !== 'ok' ? 'bg-red-950/70 text-red-200' : cell.verdict === 'anomalous' ? 'bg-rose-900/50 text-rose-100' : 'bg-emerald-900/40 text-emerald-100';
  return (
    <button
      type="button"
      onClick={onClick}
      aria-pressed={open}
      data-testid="matrix-cell"
      data-wrong={wrong || undefined}
      data-verdict={cell.verdict ?? cell.outcome}
      title={wrong ? 'Disagrees with the label — click to read the reasoning' : 'Click to read the reasoning'}
      className={`flex w-full items-center justify-between gap-1 rounded px-1.5 py-1 text-left ${tone} ${open ? 'ring-2 ring-sky-400' : wrong ? 'ring-1 ring-red-500' : ''}`}
    >
      <span className="truncate font-semibold uppercase">{cell.outcome === 'ok' ? (cell.verdict === 'anomalous' ? 'anom' : 'normal') : cell.outcome}</span>
      <span className="flex shrink-0 items-center gap-1 tabular-nums">
        {cell.score !== undefined && <span className="opacity-80">{cell.score.toFixed(2)}</span>}
        {wrong && <span className="font-bold text-red-300" aria-label="disagrees with the label">✗</span>}
        {cell.flipRate > 0 && <span className="text-amber-300" title={`${Math.round(cell.flipRate * 100)}% of repeats disagree`}>⇄</span>}
      </span>
    </button>
  );
}
