import { BatchPanel } from '@/features/inspection/batch-panel';

export function InspectionView() {
  return <div className="h-full overflow-y-auto p-4"><BatchPanel /></div>;
}
