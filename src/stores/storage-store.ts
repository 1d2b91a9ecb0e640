import { create } from 'zustand';
import { readStorageFacts, type StorageFacts } from '@/lib/storage/quota';

interface StorageState {
  facts: StorageFacts | undefined;
  /** Re-reads the browser's estimate (after an ingest, a delete, on mount). */
  refresh: () => Promise<void>;
}

export const useStorageStore = create<StorageState>((set) => ({
  facts: undefined,
  refresh: async () => {
    const facts = await readStorageFacts().catch(() => undefined);
    set({ facts });
  },
}));
