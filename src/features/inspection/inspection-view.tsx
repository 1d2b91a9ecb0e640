import { EmptyState } from '@/components/ui/empty-state';

export function InspectionView() {
  return <EmptyState title="Nothing here yet" />;
}
