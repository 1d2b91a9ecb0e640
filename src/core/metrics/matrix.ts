/**
 * The compare matrix: rows are cases, columns are runs, each cell the run's folded answer for the
 * case. Marks say where a run disagrees with the label and where runs disagree with each other.
 */
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import type { LabelStatus } from '@/core/model';

export interface MatrixRow {
  caseId: string;
  className: string;
  truth: LabelStatus;
  /** One per run, in column order; undefined when the run did not answer for this case. */
  cells: (CaseOutcome | undefined)[];
  /** Runs that gave a verdict do not all agree. */
  runsDisagree: boolean;
  /** At least one run's verdict is not the label (labelled cases only), or a run gave no verdict. */
  againstLabel: boolean;
}

/** True when the cell's verdict contradicts a normal/anomalous label. */
export function cellWrong(cell: CaseOutcome | undefined): boolean {
  if (!cell || (cell.truth !== 'normal' && cell.truth !== 'anomalous')) return false;
  return cell.outcome !== 'ok' || cell.verdict !== cell.truth;
}

/** Rows for every case at least one run answered, in the cases' order. */
export function buildMatrix(cases: readonly { id: string; className: string; truth: { status: LabelStatus } }[], perRun: readonly (readonly CaseOutcome[])[]): MatrixRow[] {
  const maps = perRun.map((list) => new Map(list.map((o) => [o.caseId, o])));
  const rows: MatrixRow[] = [];
  for (const c of cases) {
    const cells = maps.map((m) => m.get(c.id));
    if (!cells.some(Boolean)) continue;
    const verdicts = new Set(cells.filter((x) => x?.outcome === 'ok').map((x) => x!.verdict));
    rows.push({ caseId: c.id, className: c.className, truth: c.truth.status, cells, runsDisagree: verdicts.size > 1, againstLabel: cells.some(cellWrong) });
  }
  return rows;
}

export type MatrixFilter = 'all' | 'runs-disagree' | 'against-label';

export const MATRIX_FILTERS: readonly { id: MatrixFilter; title: string; hint: string }[] = [
  { id: 'all', title: 'All cases', hint: 'Every case at least one of the runs answered' },
  { id: 'runs-disagree', title: 'Runs disagree', hint: 'Cases where the runs give different verdicts' },
  { id: 'against-label', title: 'Against the label', hint: 'Cases where a run contradicts the label or gave no verdict' },
];

const KEEP: Record<MatrixFilter, (r: MatrixRow) => boolean> = {
  all: () => true,
  'runs-disagree': (r) => r.runsDisagree,
  'against-label': (r) => r.againstLabel,
};

export function filterMatrix(rows: readonly MatrixRow[], f: MatrixFilter): MatrixRow[] {
  return rows.filter(KEEP[f]);
}

/** Rows by one run's anomaly score, highest first; rows without a score go last, in their order. */
export function sortByScore(rows: readonly MatrixRow[], column: number): MatrixRow[] {
  const score = (r: MatrixRow) => r.cells[column]?.score;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = score(a.r);
      const y = score(b.r);
      if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0) || a.i - b.i;
      return y - x || a.i - b.i;
    })
    .map((x) => x.r);
}
