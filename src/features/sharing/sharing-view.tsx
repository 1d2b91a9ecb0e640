import { EmptyState } from '@/components/ui/empty-state';

export function SharingView() {
  return <EmptyState title="Nothing here yet" />;
}
