import { SingleRunPanel } from '@/features/inspection/single-run-panel';

/** The Runs tab: one case at a time (batch runs are added beside it). */
export function InspectionView() {
  return <SingleRunPanel />;
}
