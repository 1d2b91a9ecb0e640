import { EmptyState } from '@/components/ui/empty-state';

export function LabelingView() {
  return <EmptyState title="Nothing here yet" />;
}
