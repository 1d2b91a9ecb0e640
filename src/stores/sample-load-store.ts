/**
 * The sample project's loading, kept outside the button that starts it: the button sits in an
 * empty state that disappears as soon as the first case arrives, so progress and result live here
 * and the header shows them until the user dismisses them.
 */
import { create } from 'zustand';
import { loadSampleProject, type SampleLoadSummary } from '@/lib/sample-loader';

interface SampleLoadState {
  busy: boolean;
  done?: number;
  total?: number;
  summary?: SampleLoadSummary;
  error?: string;
  load: () => Promise<SampleLoadSummary | undefined>;
  dismiss: () => void;
}

export const useSampleLoad = create<SampleLoadState>((set, get) => ({
  busy: false,
  load: async () => {
    if (get().busy) return undefined;
    set({ busy: true, done: 0, total: undefined, summary: undefined, error: undefined });
    try {
      const summary = await loadSampleProject({ onProgress: (done, total) => set({ done, total }) });
      set({ busy: false, summary });
      return summary;
    } catch (err) {
      set({ busy: false, error: err instanceof Error ? err.message : 'The sample project could not be loaded.' });
      return undefined;
    }
  },
  dismiss: () => set({ summary: undefined, error: undefined }),
}));

/** The result of a finished load as one sentence. */
export function sampleSummaryText(s: SampleLoadSummary): string {
  return `Sample loaded: ${s.added} files added${s.skipped ? `, ${s.skipped} already present` : ''}, ${s.prompts} prompts.${s.notMade.length > 0 ? ` This browser cannot encode video, so ${s.notMade.length} sample videos were left out.` : ''}`;
}
