import { create } from 'zustand';

export type ViewId = 'library' | 'prompts' | 'runs' | 'review' | 'compare' | 'metrics' | 'share' | 'settings';

interface UiState {
  view: ViewId;
  /** The case shown large in the main view. */
  focusedCaseId: string | undefined;
  /** Multi-selection in the case browser. */
  selectedCaseIds: ReadonlySet<string>;
  /** A run another view asked to show (e.g. a batch row's "Review" link); views open on it once. */
  runFocus: { runId: string; view: ViewId; at: number } | undefined;
  setView: (view: ViewId) => void;
  /** Opens `view` (Review, Metrics) on one run. */
  openRun: (runId: string, view: ViewId) => void;
  focusCase: (id: string | undefined) => void;
  setSelection: (ids: Iterable<string>) => void;
  toggleSelected: (id: string) => void;
}

export const useUiStore = create<UiState>((set) => ({
  view: 'library',
  focusedCaseId: undefined,
  selectedCaseIds: new Set(),
  runFocus: undefined,
  setView: (view) => set({ view }),
  openRun: (runId, view) => set({ view, runFocus: { runId, view, at: Date.now() } }),
  focusCase: (focusedCaseId) => set({ focusedCaseId }),
  setSelection: (ids) => set({ selectedCaseIds: new Set(ids) }),
  toggleSelected: (id) =>
    set((s) => {
      const next = new Set(s.selectedCaseIds);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return { selectedCaseIds: next };
    }),
}));
