import { useCallback, useMemo, useState } from 'react';
import type { Case } from '@/core/model';
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import { matchesFilter, REVIEW_FILTERS, type ReviewFilter } from '@/core/labeling/review-filter';
import { useUiStore } from '@/stores/ui-store';

/** Moves the focus (and the selection) to one case. */
export function focusOne(id: string) {
  const ui = useUiStore.getState();
  ui.focusCase(id);
  ui.setSelection([id]);
}

/** The cases to review: class and filter chosen, their counts, the focused case and moving through them. */
export function useReviewQueue(cases: readonly Case[] | undefined, outcomes: ReadonlyMap<string, CaseOutcome>) {
  const focusedId = useUiStore((s) => s.focusedCaseId);
  const [filter, setFilter] = useState<ReviewFilter>('all');
  const [className, setClassName] = useState<string>('');

  const classes = useMemo(() => [...new Set((cases ?? []).map((c) => c.className))].sort(), [cases]);
  const inClass = useMemo(() => (cases ?? []).filter((c) => !className || c.className === className), [cases, className]);
  const counts = useMemo(() => Object.fromEntries(REVIEW_FILTERS.map((f) => [f.id, inClass.filter((c) => matchesFilter(f.id, c.truth.status, outcomes.get(c.id))).length])), [inClass, outcomes]);
  const list = useMemo(() => inClass.filter((c) => matchesFilter(filter, c.truth.status, outcomes.get(c.id))), [inClass, filter, outcomes]);
  const labelled = inClass.filter((c) => c.truth.status !== 'unlabelled').length;
  const focused = useMemo(() => (cases ?? []).find((c) => c.id === focusedId) ?? list[0], [cases, focusedId, list]);

  // The class's defect types in order; digits 1–9 pick them.
  const defectTypes = useMemo(() => {
    const set = new Set<string>();
    for (const c of cases ?? []) if (c.className === focused?.className && c.truth.defectType) set.add(c.truth.defectType);
    return [...set].sort().slice(0, 9);
  }, [cases, focused?.className]);

  const move = useCallback(
    (delta: number) => {
      if (!list.length) return;
      const i = focused ? list.findIndex((c) => c.id === focused.id) : -1;
      focusOne(list[Math.min(list.length - 1, Math.max(0, i < 0 ? 0 : i + delta))].id);
    },
    [list, focused],
  );

  return { filter, setFilter, className, setClassName, classes, inClass, counts, list, labelled, focused, defectTypes, move };
}

export type ReviewQueue = ReturnType<typeof useReviewQueue>;
