import { SingleRunPanel } from '@/features/inspection/single-run-panel';
import { BatchPanel } from '@/features/inspection/batch-panel';

/** The Runs tab: one case at a time, with batch runs beside it. */
export function InspectionView() {
  return (
    <div className="flex h-full min-h-0">
      <div className="min-w-0 flex-1"><SingleRunPanel /></div>
      <aside className="w-[540px] shrink-0 overflow-y-auto border-l border-zinc-800 p-3"><BatchPanel /></aside>
    </div>
  );
}
