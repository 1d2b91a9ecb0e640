import { EmptyState } from '@/components/ui/empty-state';

export function LibraryView() {
  return <EmptyState title="Nothing here yet" />;
}
