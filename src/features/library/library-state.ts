import { create } from 'zustand';
import type { CaseGridLayout } from '@/components/case-grid';
import { deleteProjectCases, restoreProjectCases } from '@/lib/dataset/library-queries';
import { announce, enqueue, pushUndo } from '@/stores/undo-store';
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

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function select(ids: readonly string[], focus: string | undefined) {
  const ui = useUiStore.getState();
  ui.setSelection(ids);
  ui.focusCase(focus);
}

/**
 * Deletes the cases (undoably, in the app's one undo history) and moves the focus to the case
 * after them in `shownIds`, so deleting one after another works from the keyboard.
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
    // Recorded inside the queued job, so an undo pressed at once finds this entry.
    await enqueue(async () => {
      let deleted = await deleteProjectCases(ids);
      select(after ? [after] : [], after);
      const what = deleted.cases.length === 1 ? deleted.cases[0].name : plural(deleted.cases.length, 'case');
      pushUndo(
        {
          label: `delete ${what}`,
          undo: async () => {
            await restoreProjectCases(deleted);
            const back = deleted.cases.map((c) => c.id);
            select(back, back[0]);
          },
          redo: async () => {
            deleted = await deleteProjectCases(deleted.cases.map((c) => c.id));
            select(after ? [after] : [], after);
          },
          undoFailed: 'Could not restore the deleted cases: the browser refused to store them (is the disk full?). Free some space and press Undo again.',
        },
        `Deleted ${what}.`,
      );
    });
  } catch {
    announce(`Could not delete ${plural(ids.length, 'case')}: the browser refused to change the project. Reload the page and try again.`, 'error');
  }
}
