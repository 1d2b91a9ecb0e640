import { useCallback, useMemo, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAllCasesInOrder } from '@/lib/dataset/library-queries';
import { useCommands } from '@/stores/command-registry';
import { useUiStore } from '@/stores/ui-store';
import { applyFacets } from '@/features/library/library-facets';
import { deleteCasesUndoably, useLibraryStore } from '@/features/library/library-state';

/**
 * The case browser's state: every case, the filtered list, focus and selection, delete, and its
 * keys ("/" focuses `searchRef`).
 */
export function useLibrarySession(searchRef: RefObject<HTMLInputElement | null>) {
  const all = useAllCasesInOrder();
  const store = useLibraryStore(
    useShallow((s) => ({
      facets: s.facets,
      search: s.search,
      layout: s.layout,
      preview: s.preview,
      setSearch: s.setSearch,
      setLayout: s.setLayout,
      setPreview: s.setPreview,
      clearAll: s.clearAll,
    })),
  );
  const { facets, search } = store;
  const shown = useMemo(() => (all ? applyFacets(all, facets, search) : []), [all, facets, search]);
  const shownIds = useMemo(() => shown.map((c) => c.id), [shown]);
  const selected = useUiStore((s) => s.selectedCaseIds);
  const focusedId = useUiStore((s) => s.focusedCaseId);
  const focused = useMemo(() => (focusedId ? all?.find((c) => c.id === focusedId) : undefined), [all, focusedId]);
  const selCount = shownIds.reduce((n, id) => n + (selected.has(id) ? 1 : 0), 0);

  const onDelete = useCallback(() => {
    const ui = useUiStore.getState();
    const ids = ui.selectedCaseIds.size ? shownIds.filter((id) => ui.selectedCaseIds.has(id)) : ui.focusedCaseId ? [ui.focusedCaseId] : [];
    void deleteCasesUndoably(ids, shownIds);
  }, [shownIds]);

  // Undo and redo are the app's (one history with Review); these keys are the library's own.
  useCommands([
    {
      id: 'library.search',
      title: 'Search case names',
      keys: ['/'],
      scope: 'view:library',
      perform: () => {
        searchRef.current?.focus();
        searchRef.current?.select();
      },
    },
    { id: 'library.delete', title: 'Delete the selected cases', keys: ['Delete'], scope: 'view:library', perform: onDelete },
    {
      id: 'library.preview',
      title: 'Show / hide the large view',
      keys: ['p'],
      scope: 'view:library',
      perform: () => {
        const s = useLibraryStore.getState();
        s.setPreview(!s.preview);
      },
    },
  ]);

  return { all, shown, shownIds, focused, selCount, onDelete, ...store };
}

export type LibrarySession = ReturnType<typeof useLibrarySession>;
