/**
 * Loading the sample project, owned by the app rather than by the button that starts it: the
 * button sits in the empty library and unmounts when the first case appears, so the outcome
 * (and any storage fault) is told in the app's notice area.
 */
import { create } from 'zustand';
import { loadSampleProject, type SampleLoadSummary } from '@/lib/sample-loader';
import { useNoticeStore } from '@/stores/notice-store';

interface SampleLoadState {
  busy: boolean;
  done: number;
  total: number;
  summary?: SampleLoadSummary;
  start: () => Promise<void>;
}

export function sampleSummaryText(s: SampleLoadSummary): string {
  return `Sample loaded: ${s.added} files added${s.skipped ? `, ${s.skipped} already present` : ''}, ${s.prompts} prompts.${s.notMade.length > 0 ? ` This browser cannot encode video, so ${s.notMade.length} sample videos were left out.` : ''}`;
}

export const useSampleLoad = create<SampleLoadState>((set, get) => ({
  busy: false,
  done: 0,
  total: 0,
  start: async () => {
    if (get().busy) return;
    set({ busy: true, done: 0, total: 0, summary: undefined });
    const notices = useNoticeStore.getState();
    try {
      const summary = await loadSampleProject({ onProgress: (done, total) => set({ done, total }) });
      set({ summary });
      notices.push('info', sampleSummaryText(summary));
    } catch (err) {
      notices.push('error', err instanceof Error ? err.message : 'The sample project could not be loaded; try again.');
    } finally {
      set({ busy: false });
    }
  },
}));
