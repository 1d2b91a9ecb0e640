import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Case } from '@/core/model';
import { projectDb } from '@/lib/storage/db';
import { useLiveQuery } from '@/lib/storage/live-query';
import { compareCases } from '@/lib/dataset/case-store';
import { CaseGrid } from '@/components/case-grid';
import { KindIcon } from '@/components/case-marks';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Kbd } from '@/components/ui/kbd';
import { useUiStore } from '@/stores/ui-store';
import { applyFacets, FACETS, facetValues, type FacetId, type FacetValue } from '@/features/library/library-facets';
import { deleteCasesUndoably, undoLastDeletion, useDeletionStore, useLibraryStore } from '@/features/library/library-state';
import { CaseDetail } from '@/features/library/case-detail';
import { IngestButtons } from '@/features/library/ingest-buttons';
import { LoadSampleButton } from '@/components/load-sample-button';

const fmt = (n: number) => n.toLocaleString('en-US');

function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

const LABEL_DOT: Record<string, string> = {
  normal: 'bg-emerald-500',
  anomalous: 'bg-rose-500',
  unsure: 'bg-amber-400',
  unlabelled: 'bg-zinc-500',
};

function FacetRow({ facet, v, checked, onToggle }: { facet: FacetId; v: FacetValue; checked: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      role="checkbox"
      aria-checked={checked}
      aria-label={`${v.title} (${v.count})`}
      onClick={onToggle}
      className={`group flex w-full items-center gap-2 rounded px-1.5 py-[3px] text-left text-xs ${
        checked ? 'bg-sky-950/70 text-sky-100' : v.count === 0 ? 'text-zinc-600 hover:bg-zinc-800/60' : 'text-zinc-300 hover:bg-zinc-800/60'
      }`}
    >
      <span
        aria-hidden
        className={`flex h-3 w-3 shrink-0 items-center justify-center rounded-[3px] border text-[9px] leading-none ${checked ? 'border-sky-400 bg-sky-500 text-zinc-950' : 'border-zinc-600'}`}
      >
        {checked ? '✓' : ''}
      </span>
      {facet === 'label' && <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${LABEL_DOT[v.value] ?? 'bg-zinc-500'}`} />}
      {facet === 'kind' && <KindIcon kind={v.value as Case['kind']} className="h-3.5 w-3.5 shrink-0 text-zinc-400" />}
      <span className="min-w-0 flex-1 truncate">{v.title}</span>
      <span className="shrink-0 text-[11px] text-zinc-500 tabular-nums">{fmt(v.count)}</span>
    </button>
  );
}

function Sidebar({ all }: { all: readonly Case[] }) {
  const { facets, search, toggleFacet, clearFacet, clearAll } = useLibraryStore(
    useShallow((s) => ({ facets: s.facets, search: s.search, toggleFacet: s.toggleFacet, clearFacet: s.clearFacet, clearAll: s.clearAll })),
  );
  const values = useMemo(() => facetValues(all, facets, search), [all, facets, search]);
  const anyChosen = search.trim() !== '' || FACETS.some((f) => (facets[f.id]?.length ?? 0) > 0);
  return (
    <aside aria-label="Filters" className="flex w-44 shrink-0 xl:w-56 flex-col overflow-y-auto border-r border-zinc-800 bg-zinc-900/40 px-2 py-2">
      {/* Sidebar-sized: the buttons' own size suits empty states. */}
      <div className="mb-3 px-1 [&_button]:flex-1 [&_button]:justify-center [&_button]:px-2 [&_button]:py-1 [&_button]:text-xs [&>div]:w-full">
        <IngestButtons />
      </div>
      {FACETS.map((f) => {
        const chosen = facets[f.id] ?? [];
        const list = values[f.id];
        if (list.length === 0) return null;
        return (
          <section key={f.id} aria-label={f.title} className="mb-3">
            <div className="mb-0.5 flex items-center justify-between px-1.5">
              <h3 className="text-[10px] font-semibold tracking-wider text-zinc-500 uppercase">{f.title}</h3>
              {chosen.length > 0 && (
                <button type="button" className="text-[10px] text-sky-400 hover:text-sky-300" onClick={() => clearFacet(f.id)}>
                  any
                </button>
              )}
            </div>
            {list.map((v) => (
              <FacetRow key={v.value} facet={f.id} v={v} checked={chosen.includes(v.value)} onToggle={() => toggleFacet(f.id, v.value)} />
            ))}
          </section>
        );
      })}
      {anyChosen && (
        <button type="button" onClick={clearAll} className="mx-1.5 mt-auto rounded border border-zinc-700 px-2 py-1 text-xs text-zinc-300 hover:bg-zinc-800">
          Clear all filters
        </button>
      )}
    </aside>
  );
}

function UndoToast() {
  const toast = useDeletionStore((s) => s.toast);
  const dismiss = useDeletionStore((s) => s.dismiss);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(dismiss, toast.tone === 'error' ? 15_000 : 8_000);
    return () => clearTimeout(t);
  }, [toast, dismiss]);
  if (!toast) return null;
  return (
    <div
      role="status"
      className={`absolute bottom-4 left-1/2 z-20 flex -translate-x-1/2 items-center gap-3 rounded-lg border px-3 py-2 text-sm shadow-xl ${
        toast.tone === 'error' ? 'border-red-800 bg-red-950 text-red-100' : 'border-zinc-700 bg-zinc-800 text-zinc-100'
      }`}
    >
      <span>{toast.message}</span>
      {toast.undoable && (
        <button type="button" onClick={() => void undoLastDeletion()} className="font-semibold text-sky-300 hover:text-sky-200">
          Undo <span className="text-xs font-normal text-zinc-400">Ctrl+Z</span>
        </button>
      )}
      <button type="button" aria-label="Dismiss" onClick={dismiss} className="text-zinc-500 hover:text-zinc-200">
        ×
      </button>
    </div>
  );
}

function NoCaseFocused({ count }: { count: number }) {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-2 p-6 text-center text-xs text-zinc-500">
      <p className="text-sm text-zinc-400">Select a case to see it large.</p>
      <p>
        {count > 0 && (
          <>
            <Kbd>←</Kbd> <Kbd>→</Kbd> <Kbd>↑</Kbd> <Kbd>↓</Kbd> move · <Kbd>Shift</Kbd>/<Kbd>Ctrl</Kbd>+click select several · <Kbd>Ctrl</Kbd>+<Kbd>A</Kbd> all ·{' '}
            <Kbd>Del</Kbd> delete · <Kbd>P</Kbd> hide this panel
          </>
        )}
      </p>
    </div>
  );
}

/** The case browser: filters, search, a virtualised grid and the focused case shown large. */
export function LibraryView() {
  const rows = useLiveQuery(() => projectDb().cases.toArray(), []);
  const all = useMemo(() => (rows ? rows.sort(compareCases) : undefined), [rows]);
  const { facets, search, layout, preview, setSearch, setLayout, setPreview, clearAll } = useLibraryStore(
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
  const shown = useMemo(() => (all ? applyFacets(all, facets, search) : []), [all, facets, search]);
  const shownIds = useMemo(() => shown.map((c) => c.id), [shown]);
  const selected = useUiStore((s) => s.selectedCaseIds);
  const focusedId = useUiStore((s) => s.focusedCaseId);
  const focused = useMemo(() => (focusedId ? all?.find((c) => c.id === focusedId) : undefined), [all, focusedId]);
  const searchRef = useRef<HTMLInputElement>(null);

  const toDelete = useCallback(() => {
    const ui = useUiStore.getState();
    const ids = ui.selectedCaseIds.size ? shownIds.filter((id) => ui.selectedCaseIds.has(id)) : ui.focusedCaseId ? [ui.focusedCaseId] : [];
    return ids;
  }, [shownIds]);

  const onDelete = useCallback(() => void deleteCasesUndoably(toDelete(), shownIds), [toDelete, shownIds]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !isTyping(e) && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.key === 'Delete' && !isTyping(e)) {
        e.preventDefault();
        onDelete();
      } else if (e.key.toLowerCase() === 'p' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e)) {
        e.preventDefault();
        const s = useLibraryStore.getState();
        s.setPreview(!s.preview);
      } else if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && !isTyping(e)) {
        e.preventDefault();
        void undoLastDeletion();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onDelete]);

  if (!all) return <div className="p-4 text-sm text-zinc-500">Opening project…</div>;

  if (all.length === 0)
    return (
      <div className="relative h-full">
        <EmptyState
          title="No cases yet"
          actions={
            <>
              <IngestButtons tone="primary" />
              <LoadSampleButton tone="neutral" />
            </>
          }
        >
          <p>
            Drop image files, point clouds (PLY, PCD), videos, or whole dataset folders (MVTec AD, VisA, or <code className="text-zinc-300">good/</code> and{' '}
            <code className="text-zinc-300">bad/</code> folders) anywhere in this window.
          </p>
          <p className="mt-2 text-zinc-500">Folder names become classes and labels; every file stays on this computer.</p>
        </EmptyState>
        <UndoToast />
      </div>
    );

  const selCount = shownIds.reduce((n, id) => n + (selected.has(id) ? 1 : 0), 0);
  const filtered = shown.length !== all.length;

  return (
    <div className="relative flex h-full min-h-0">
      <Sidebar all={all} />
      <div className="flex min-w-0 flex-1 flex-col">
        <div className="flex shrink-0 flex-wrap items-center gap-2 border-b border-zinc-800 px-2 py-1.5">
          <div className="relative w-44 min-w-28 shrink xl:w-56">
            <input
              ref={searchRef}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  if (search) setSearch('');
                  else e.currentTarget.blur();
                }
              }}
              placeholder="Search names"
              aria-label="Search case names"
              className="w-full rounded-md border border-zinc-700 bg-zinc-900 py-1 pr-7 pl-2 text-xs text-zinc-100 placeholder:text-zinc-500 focus:border-sky-600 focus:outline-none"
            />
            {!search && (
              <span className="pointer-events-none absolute top-1/2 right-1.5 -translate-y-1/2">
                <Kbd>/</Kbd>
              </span>
            )}
          </div>
          <span data-testid="case-count" className="whitespace-nowrap text-xs text-zinc-400 tabular-nums">
            {filtered ? `${fmt(shown.length)} of ${fmt(all.length)} cases` : `${fmt(all.length)} cases`}
            {selCount > 0 && ` · ${fmt(selCount)} selected`}
          </span>
          <div className="ml-auto flex shrink-0 items-center gap-2">
            <Button tone="ghost" className="px-2 py-1 text-xs" disabled={selCount === 0 && !focused} onClick={onDelete} title="Delete the selected cases (Del); Ctrl+Z undoes">
              Delete
            </Button>
            <button
              type="button"
              aria-pressed={preview}
              onClick={() => setPreview(!preview)}
              title="Show the focused case large beside the grid (P)"
              className={`rounded-md border px-2 py-0.5 text-xs ${preview ? 'border-zinc-600 bg-zinc-700 text-white' : 'border-zinc-700 text-zinc-400 hover:text-zinc-200'}`}
            >
              Large view
            </button>
            <div role="group" aria-label="Layout" className="flex rounded-md border border-zinc-700 p-0.5">
              {(['grid', 'list'] as const).map((l) => (
                <button
                  key={l}
                  type="button"
                  aria-pressed={layout === l}
                  onClick={() => setLayout(l)}
                  className={`rounded px-2 py-0.5 text-xs capitalize ${layout === l ? 'bg-zinc-700 text-white' : 'text-zinc-400 hover:text-zinc-200'}`}
                >
                  {l}
                </button>
              ))}
            </div>
          </div>
        </div>
        {shown.length === 0 ? (
          <EmptyState title="No case matches" actions={<Button onClick={clearAll}>Clear filters</Button>}>
            {search ? `Nothing is named like “${search}” with the chosen filters.` : 'No case has all the chosen filter values.'}
          </EmptyState>
        ) : (
          <CaseGrid cases={shown} layout={layout} label="Cases" autoFocus onOpen={() => setPreview(true)} className="flex-1 p-1" />
        )}
      </div>
      {preview && (
        <div className="flex w-[40%] max-w-[720px] min-w-[300px] shrink-0 xl:w-[44%] flex-col border-l border-zinc-800 bg-zinc-950">
          {focused ? <CaseDetail key={focused.id} c={focused} /> : <NoCaseFocused count={shown.length} />}
        </div>
      )}
      <UndoToast />
    </div>
  );
}
