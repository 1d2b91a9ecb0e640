import { EmptyState } from '@/components/ui/empty-state';

export function SettingsView() {
  return <EmptyState title="Nothing here yet" />;
}
