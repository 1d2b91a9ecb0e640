import { create } from 'zustand';
import type { CaseGridLayout } from '@/components/case-grid';
import { deleteCases, restoreCases, type DeletedCases } from '@/lib/dataset/case-store';
import { projectDb } from '@/lib/storage/db';
import type { FacetId, FacetSelection } from '@/features/library/library-facets';
import { useUiStore } from '@/stores/ui-store';

const LAYOUT_KEY = 'aw.library.layout';
const PREVIEW_KEY = 'aw.library.preview';

interface LibraryState {
  facets: FacetSelection;
  search: string;
  layout: CaseGridLayout;
  /** Whether the focused case is shown large beside the grid. */
  preview: boolean;
  setPreview: (on: boolean) => void;
  toggleFacet: (id: FacetId, value: string) => void;
  clearFacet: (id: FacetId) => void;
  clearAll: () => void;
  setSearch: (q: string) => void;
  setLayout: (l: CaseGridLayout) => void;
}

function save(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode: the choice just is not remembered
  }
}

function savedPreview(): boolean {
  try {
    return localStorage.getItem(PREVIEW_KEY) !== 'off';
  } catch {
    return true;
  }
}

function savedLayout(): CaseGridLayout {
  try {
    return localStorage.getItem(LAYOUT_KEY) === 'list' ? 'list' : 'grid';
  } catch {
    return 'grid';
  }
}

/** Filters and layout of the case browser; kept while the user visits other views. */
export const useLibraryStore = create<LibraryState>((set) => ({
  facets: {},
  search: '',
  layout: savedLayout(),
  preview: savedPreview(),
  setPreview: (preview) => {
    save(PREVIEW_KEY, preview ? 'on' : 'off');
    set({ preview });
  },
  toggleFacet: (id, value) =>
    set((s) => {
      const cur = s.facets[id] ?? [];
      const next = cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value];
      return { facets: { ...s.facets, [id]: next } };
    }),
  clearFacet: (id) => set((s) => ({ facets: { ...s.facets, [id]: [] } })),
  clearAll: () => set({ facets: {}, search: '' }),
  setSearch: (search) => set({ search }),
  setLayout: (layout) => {
    save(LAYOUT_KEY, layout);
    set({ layout });
  },
}));

export interface Toast {
  id: number;
  message: string;
  /** Shows an Undo button for the latest deletion. */
  undoable: boolean;
  tone: 'info' | 'error';
}

interface DeletionState {
  /** Deletions that can still be undone, newest last. */
  stack: DeletedCases[];
  toast: Toast | undefined;
  dismiss: () => void;
}

const UNDO_DEPTH = 20;
let toastSeq = 0;

export const useDeletionStore = create<DeletionState>((set) => ({
  stack: [],
  toast: undefined,
  dismiss: () => set({ toast: undefined }),
}));

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function showToast(message: string, undoable: boolean, tone: Toast['tone'] = 'info') {
  useDeletionStore.setState({ toast: { id: ++toastSeq, message, undoable, tone } });
}

/**
 * Deletes the cases (undoably) and moves the focus to the case after them in `shownIds`,
 * so deleting one after another works from the keyboard.
 */
export async function deleteCasesUndoably(ids: readonly string[], shownIds: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const gone = new Set(ids);
  let lastAt = -1;
  for (let i = shownIds.length - 1; i >= 0; i--)
    if (gone.has(shownIds[i])) {
      lastAt = i;
      break;
    }
  const after = shownIds.slice(lastAt + 1).find((id) => !gone.has(id)) ?? shownIds.findLast((id) => !gone.has(id));
  try {
    const deleted = await deleteCases(projectDb(), ids);
    useDeletionStore.setState((s) => ({ stack: [...s.stack, deleted].slice(-UNDO_DEPTH) }));
    const ui = useUiStore.getState();
    ui.setSelection(after ? [after] : []);
    ui.focusCase(after);
    showToast(deleted.cases.length === 1 ? `Deleted ${deleted.cases[0].name}.` : `Deleted ${plural(deleted.cases.length, 'case')}.`, true);
  } catch {
    showToast(`Could not delete ${plural(ids.length, 'case')}: the browser refused to change the project. Reload the page and try again.`, false, 'error');
  }
}

/** Puts back the latest deletion and selects what came back. */
export async function undoLastDeletion(): Promise<void> {
  const { stack } = useDeletionStore.getState();
  const last = stack.at(-1);
  if (!last) return;
  useDeletionStore.setState({ stack: stack.slice(0, -1) });
  try {
    await restoreCases(projectDb(), last);
    const ids = last.cases.map((c) => c.id);
    const ui = useUiStore.getState();
    ui.setSelection(ids);
    ui.focusCase(ids[0]);
    showToast(`Restored ${plural(ids.length, 'case')}.`, false);
  } catch {
    useDeletionStore.setState((s) => ({ stack: [...s.stack, last] }));
    showToast('Could not restore the deleted cases: the browser refused to store them (is the disk full?). Free some space and press Undo again.', true, 'error');
  }
}
