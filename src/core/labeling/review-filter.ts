/** Which cases the review queue shows. */
import type { LabelStatus } from '@/core/model';
import type { CaseOutcome } from '@/core/metrics/case-outcome';

export type ReviewFilter = 'all' | 'unlabelled' | 'disagreements' | 'errors' | 'flips';

export const REVIEW_FILTERS: { id: ReviewFilter; title: string; hint: string }[] = [
  { id: 'all', title: 'All', hint: 'Every test case' },
  { id: 'unlabelled', title: 'Unlabelled', hint: 'No normal / anomalous / unsure label yet' },
  { id: 'disagreements', title: 'Disagreements', hint: 'Label and the run’s verdict differ' },
  { id: 'errors', title: 'Errors', hint: 'The run failed, refused or could not be read' },
  { id: 'flips', title: 'Flips', hint: 'Repeats of the run gave different verdicts' },
];

export function matchesFilter(filter: ReviewFilter, truth: LabelStatus, outcome: CaseOutcome | undefined): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'unlabelled':
      return truth === 'unlabelled';
    case 'disagreements':
      return !!outcome?.verdict && (truth === 'normal' || truth === 'anomalous') && outcome.verdict !== truth;
    case 'errors':
      return !!outcome && outcome.outcome !== 'ok';
    case 'flips':
      return !!outcome && outcome.flipRate > 0;
  }
}
