import { useMemo, useState } from 'react';
import { buildMatrix, filterMatrix, sortByScore, type MatrixFilter } from '@/core/metrics/matrix';
import { listedRuns } from '@/core/runs/run-label';
import { useOutcomesForRuns, useRuns, useTestCases } from '@/lib/runs/run-data';
import { defaultOptions } from '@/core/options';

/** A clicked cell of the matrix. */
export interface CellRef {
  runId: string;
  caseId: string;
}

/** Columns shown when the user has not chosen: the newest batch runs, at most this many. */
const DEFAULT_COLUMNS = 4;
/** Rows drawn at once; filters narrow big sets. */
export const MAX_ROWS = defaultOptions.preview.compareRows;

/** State of the compare view: which runs are columns, filter, sort, class, and up to two open cells. */
export function useCompareSession() {
  const runs = useRuns();
  const cases = useTestCases();
  const [picked, setPicked] = useState<string[]>();
  const [filter, setFilter] = useState<MatrixFilter>('all');
  const [sortRun, setSortRun] = useState<string>('');
  const [className, setClassName] = useState('');
  const [open, setOpen] = useState<CellRef[]>([]);

  const batch = useMemo(() => (runs ? listedRuns(runs).batch : []), [runs]);
  const columns = useMemo(() => {
    const ids = picked ?? batch.slice(0, DEFAULT_COLUMNS).map((r) => r.id);
    return ids.map((id) => runs?.find((r) => r.id === id)).filter((r) => !!r);
  }, [picked, batch, runs]);
  const columnIds = useMemo(() => columns.map((r) => r.id), [columns]);
  const outcomes = useOutcomesForRuns(columnIds, cases);
  const classes = useMemo(() => [...new Set((cases ?? []).map((c) => c.className))].sort(), [cases]);

  const allRows = useMemo(() => {
    if (!outcomes || !cases) return undefined;
    const inClass = className ? cases.filter((c) => c.className === className) : cases;
    return buildMatrix(inClass, columnIds.map((id) => outcomes.get(id) ?? []));
  }, [outcomes, cases, columnIds, className]);
  const rows = useMemo(() => {
    if (!allRows) return undefined;
    const kept = filterMatrix(allRows, filter);
    const col = columnIds.indexOf(sortRun);
    return col >= 0 ? sortByScore(kept, col) : kept;
  }, [allRows, filter, sortRun, columnIds]);
  const counts = useMemo(() => ({ all: allRows?.length ?? 0, 'runs-disagree': allRows ? filterMatrix(allRows, 'runs-disagree').length : 0, 'against-label': allRows ? filterMatrix(allRows, 'against-label').length : 0 }), [allRows]);

  const toggleColumn = (id: string) => setPicked(columnIds.includes(id) ? columnIds.filter((x) => x !== id) : [...columnIds, id]);
  /** A click opens a cell beside the one open before (two at most: the older one gives way). */
  const openCell = (cell: CellRef) =>
    setOpen((prev) => {
      if (prev.some((p) => p.runId === cell.runId && p.caseId === cell.caseId)) return prev.filter((p) => p.runId !== cell.runId || p.caseId !== cell.caseId);
      return [...prev, cell].slice(-2);
    });
  const caseById = useMemo(() => new Map((cases ?? []).map((c) => [c.id, c])), [cases]);

  return { runs, batch, columns, rows, counts, classes, className, setClassName, filter, setFilter, sortRun, setSortRun, toggleColumn, open, openCell, closeCells: () => setOpen([]), caseById };
}
