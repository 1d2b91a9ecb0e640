/**
 * Loading the sample project, owned by the app rather than by the button that starts it: the
 * button sits in the empty library and unmounts when the first case appears, so progress and the
 * outcome (and any storage fault) live here; the header shows them until dismissed, and a failure
 * is also told in the app's notice area.
 */
import { create } from 'zustand';
import { loadSampleProject, type SampleLoadSummary } from '@/lib/sample/loader';
import { useNoticeStore } from '@/stores/notice-store';

interface SampleLoadState {
  busy: boolean;
  done?: number;
  total?: number;
  summary?: SampleLoadSummary;
  error?: string;
  load: () => Promise<SampleLoadSummary | undefined>;
  dismiss: () => void;
}

/** The result of a finished load as one sentence. */
export function sampleSummaryText(s: SampleLoadSummary): string {
  return `Sample loaded: ${s.added} files added${s.skipped ? `, ${s.skipped} already present` : ''}, ${s.prompts} prompts.${s.notMade.length > 0 ? ` This browser cannot encode video, so ${s.notMade.length} sample videos were left out.` : ''}`;
}

export const useSampleLoad = create<SampleLoadState>()((set, get) => ({
  busy: false,
  load: async () => {
    if (get().busy) return undefined;
    set({ busy: true, done: 0, total: undefined, summary: undefined, error: undefined });
    const notices = useNoticeStore.getState();
    try {
      const summary = await loadSampleProject({ onProgress: (done, total) => set({ done, total }) });
      set({ busy: false, summary });
      return summary;
    } catch (err) {
      const error = err instanceof Error ? err.message : 'The sample project could not be loaded; try again.';
      set({ busy: false, error });
      notices.push('error', error);
      return undefined;
    }
  },
  dismiss: () => set({ summary: undefined, error: undefined }),
}));
