import { create } from 'zustand';

/**
 * Whether files are being added right now. Each stored file is its own transaction, so live
 * queries over whole tables re-run once per file during an ingest; views that query many rows
 * can read this to refresh less often meanwhile.
 */
export const useIngestActivity = create<{ running: boolean; setRunning: (running: boolean) => void }>((set) => ({
  running: false,
  setRunning: (running) => set({ running }),
}));
