import { useMemo, useRef, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Case } from '@/core/model';
import { CaseGrid } from '@/components/case-grid';
import { KindIcon } from '@/components/case-marks';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Kbd } from '@/components/ui/kbd';
import { FACETS, facetValues, type FacetId, type FacetValue } from '@/features/library/library-facets';
import { useLibraryStore } from '@/features/library/library-state';
import { useLibrarySession, type LibrarySession } from '@/features/library/use-library-session';
import { UndoToast } from '@/features/library/undo-toast';
import { CaseDetail } from '@/features/library/case-detail';
import { IngestButtons } from '@/features/library/ingest-buttons';
import { LoadSampleButton } from '@/components/load-sample-button';

const fmt = (n: number) => n.toLocaleString('en-US');

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

function Toolbar({ session: s, searchRef }: { session: LibrarySession; searchRef: RefObject<HTMLInputElement | null> }) {
  const filtered = s.shown.length !== s.all!.length;
  return (
    <div className="flex shrink-0 flex-wrap items-center gap-2 border-b border-zinc-800 px-2 py-1.5">
      <div className="relative w-44 min-w-28 shrink xl:w-56">
        <input
          ref={searchRef}
          type="search"
          value={s.search}
          onChange={(e) => s.setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              if (s.search) s.setSearch('');
              else e.currentTarget.blur();
            }
          }}
          placeholder="Search names"
          aria-label="Search case names"
          className="w-full rounded-md border border-zinc-700 bg-zinc-900 py-1 pr-7 pl-2 text-xs text-zinc-100 placeholder:text-zinc-500 focus:border-sky-600 focus:outline-none"
        />
        {!s.search && (
          <span className="pointer-events-none absolute top-1/2 right-1.5 -translate-y-1/2">
            <Kbd>/</Kbd>
          </span>
        )}
      </div>
      <span data-testid="case-count" className="whitespace-nowrap text-xs text-zinc-400 tabular-nums">
        {filtered ? `${fmt(s.shown.length)} of ${fmt(s.all!.length)} cases` : `${fmt(s.all!.length)} cases`}
        {s.selCount > 0 && ` · ${fmt(s.selCount)} selected`}
      </span>
      <div className="ml-auto flex shrink-0 items-center gap-2">
        <Button tone="ghost" className="px-2 py-1 text-xs" disabled={s.selCount === 0 && !s.focused} onClick={s.onDelete} title="Delete the selected cases (Del); Ctrl+Z undoes">
          Delete
        </Button>
        <button
          type="button"
          aria-pressed={s.preview}
          onClick={() => s.setPreview(!s.preview)}
          title="Show the focused case large beside the grid (P)"
          className={`rounded-md border px-2 py-0.5 text-xs ${s.preview ? 'border-zinc-600 bg-zinc-700 text-white' : 'border-zinc-700 text-zinc-400 hover:text-zinc-200'}`}
        >
          Large view
        </button>
        <div role="group" aria-label="Layout" className="flex rounded-md border border-zinc-700 p-0.5">
          {(['grid', 'list'] as const).map((l) => (
            <button
              key={l}
              type="button"
              aria-pressed={s.layout === l}
              onClick={() => s.setLayout(l)}
              className={`rounded px-2 py-0.5 text-xs capitalize ${s.layout === l ? 'bg-zinc-700 text-white' : 'text-zinc-400 hover:text-zinc-200'}`}
            >
              {l}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

function NoCases() {
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
}

/** The case browser: filters, search, a virtualised grid and the focused case shown large. */
export function LibraryView() {
  const searchRef = useRef<HTMLInputElement>(null);
  const s = useLibrarySession(searchRef);
  if (!s.all) return <div className="p-4 text-sm text-zinc-500">Opening project…</div>;
  if (s.all.length === 0) return <NoCases />;
  return (
    <div className="relative flex h-full min-h-0">
      <Sidebar all={s.all} />
      <div className="flex min-w-0 flex-1 flex-col">
        <Toolbar session={s} searchRef={searchRef} />
        {s.shown.length === 0 ? (
          <EmptyState title="No case matches" actions={<Button onClick={s.clearAll}>Clear filters</Button>}>
            {s.search ? `Nothing is named like “${s.search}” with the chosen filters.` : 'No case has all the chosen filter values.'}
          </EmptyState>
        ) : (
          <CaseGrid cases={s.shown} layout={s.layout} label="Cases" autoFocus onOpen={() => s.setPreview(true)} className="flex-1 p-1" />
        )}
      </div>
      {s.preview && (
        <div className="flex w-[40%] max-w-[720px] min-w-[300px] shrink-0 xl:w-[44%] flex-col border-l border-zinc-800 bg-zinc-950">
          {s.focused ? <CaseDetail key={s.focused.id} c={s.focused} /> : <NoCaseFocused count={s.shown.length} />}
        </div>
      )}
      <UndoToast />
    </div>
  );
}
