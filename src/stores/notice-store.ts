/**
 * App-wide notices: outcomes of long work and faults that must outlive the control that started
 * them (a button in an empty state unmounts as soon as the first case appears).
 */
import { create } from 'zustand';
import { onStorageProblem } from '@/lib/storage/notices';

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

interface NoticeState {
  notices: Notice[];
  push: (tone: Notice['tone'], text: string) => void;
  dismiss: (id: number) => void;
}

/** At most this many notices are kept; the oldest go first. */
const MAX_NOTICES = 4;
/** Outcomes fade after this long (ms); faults stay until dismissed. */
const INFO_MS = 10_000;
let seq = 1;

export const useNoticeStore = create<NoticeState>((set, get) => ({
  notices: [],
  push: (tone, text) => {
    // The same sentence again (e.g. every result of a batch on a full disk) is shown once.
    if (get().notices.some((n) => n.text === text)) return;
    const id = seq++;
    set((s) => ({ notices: [...s.notices, { id, tone, text }].slice(-MAX_NOTICES) }));
    if (tone === 'info') setTimeout(() => get().dismiss(id), INFO_MS);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

onStorageProblem((text) => useNoticeStore.getState().push('error', text));
