import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { StorageIndicator } from '@/features/settings/storage-indicator';
import { useStorageStore } from '@/stores/storage-store';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  useStorageStore.setState({ facts: undefined });
});

function stubStorage(usage: number, quota: number, persisted: boolean) {
  const storage = { estimate: vi.fn(async () => ({ usage, quota })), persisted: vi.fn(async () => persisted), persist: vi.fn(async () => true) };
  vi.stubGlobal('navigator', { ...navigator, storage });
  return storage;
}

describe('StorageIndicator', () => {
  it('shows used and available space and whether storage is persistent', async () => {
    stubStorage(12_300_000, 10_000_000_000, false);
    render(<StorageIndicator />);
    await waitFor(() => expect(screen.getByTestId('storage-indicator').textContent).toBe('12.3 MB used · 10.0 GB free'));
    expect(screen.getByTestId('storage-indicator').getAttribute('title')).toMatch(/not marked persistent/);
  });

  it('re-reads the estimate when asked (after an ingest)', async () => {
    const storage = stubStorage(1_000, 5_000_000_000, true);
    render(<StorageIndicator />);
    await waitFor(() => expect(screen.getByTestId('storage-indicator').textContent).toContain('1.0 KB used'));
    storage.estimate.mockResolvedValue({ usage: 250_000_000, quota: 5_000_000_000 });
    await useStorageStore.getState().refresh();
    await waitFor(() => expect(screen.getByTestId('storage-indicator').textContent).toContain('250 MB used'));
    expect(screen.getByTestId('storage-indicator').getAttribute('title')).toMatch(/Storage is persistent/);
  });
});
