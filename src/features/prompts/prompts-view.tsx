import { EmptyState } from '@/components/ui/empty-state';

export function PromptsView() {
  return <EmptyState title="Nothing here yet" />;
}
