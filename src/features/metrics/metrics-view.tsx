import { EmptyState } from '@/components/ui/empty-state';

export function MetricsView() {
  return <EmptyState title="Nothing here yet" />;
}
