import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Case } from '@/core/model';
import { useUiStore } from '@/stores/ui-store';
import { useCommands } from '@/stores/command-registry';
import { fieldKind, type FieldLike } from '@/core/labeling/hotkeys';
import { clickCase, keyDelta, moveFocus, pruneSelection, selectAll, type GridSelection, type Modifiers } from '@/components/case-grid-selection';
import { ErrorMark, KindIcon, LabelBadge, RoleMark, shortName } from '@/components/case-marks';
import { useThumbnailUrl } from '@/components/use-thumbnail';
import { prefetchCaseImages } from '@/lib/images/case-images';

export type CaseGridLayout = 'grid' | 'list';

export interface CaseGridProps {
  /** The cases to show, in display order. */
  cases: readonly Case[];
  layout?: CaseGridLayout;
  /** Extra marks for a cell (e.g. a verdict badge from a run), drawn at its bottom-right. */
  decorate?: (c: Case) => ReactNode;
  /** Called with the ids on screen, in display order, whenever they change. */
  onVisibleIdsChange?: (ids: string[]) => void;
  /** Enter or double-click on a case. */
  onOpen?: (id: string) => void;
  /** Accessible name of the grid. */
  label?: string;
  /** Take keyboard focus when shown, so arrows work at once. */
  autoFocus?: boolean;
  className?: string;
}

/** Keys that move the focus in the grid; with Shift they extend the selection. */
const GRID_MOVE_KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'].flatMap((k) => [k, `Shift+${k}`, `Ctrl+${k}`, `Ctrl+Shift+${k}`]);

/** Smallest grid cell width (px); cells stretch to fill the row. */
const MIN_CELL_PX = 132;
/** Text under the thumbnail in grid layout (px). */
const CAPTION_PX = 38;
const LIST_ROW_PX = 36;

/** Folders inside the class, e.g. "test/crack" for "bottle/test/crack/001.png". */
function folderOf(c: Case): string {
  const parts = c.name.split('/');
  parts.pop();
  if (parts[0] === c.className) parts.shift();
  return parts.join('/');
}

/**
 * A virtualised grid (or list) of case thumbnails that stays smooth with tens of thousands of cases.
 * Selection and focus live in `useUiStore`; only cells on screen exist and load thumbnails.
 */
export function CaseGrid({ cases, layout = 'grid', decorate, onVisibleIdsChange, onOpen, label = 'Cases', autoFocus = false, className = '' }: CaseGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const selected = useUiStore((s) => s.selectedCaseIds);
  const focused = useUiStore((s) => s.focusedCaseId);
  const anchor = useRef<string | undefined>(undefined);

  const ids = useMemo(() => cases.map((c) => c.id), [cases]);
  const columns = layout === 'grid' ? Math.max(1, Math.floor(width / MIN_CELL_PX)) : 1;
  const cellW = layout === 'grid' ? Math.floor(width / columns) : width;
  const rowH = layout === 'grid' ? cellW + CAPTION_PX : LIST_ROW_PX;
  const rowCount = Math.ceil(cases.length / columns);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    if (autoFocus && !fieldKind(document.activeElement as FieldLike | null)) scrollRef.current?.focus({ preventScroll: true });
  }, [autoFocus]);

  // The virtualizer re-renders this component on scroll; nothing here is memoised by a compiler.
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowH,
    overscan: 2,
  });
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, rowH, columns]);

  const apply = useCallback((next: GridSelection) => {
    anchor.current = next.anchor;
    const ui = useUiStore.getState();
    if (next.selected !== ui.selectedCaseIds) ui.setSelection(next.selected);
    if (next.focused !== ui.focusedCaseId) ui.focusCase(next.focused);
  }, []);
  const current = (): GridSelection => {
    const ui = useUiStore.getState();
    return { selected: ui.selectedCaseIds, focused: ui.focusedCaseId, anchor: anchor.current };
  };

  // Cases that left the list (filtered out, deleted) leave the selection too.
  useEffect(() => {
    const s = current();
    const p = pruneSelection(s, ids);
    if (p !== s) apply(p);
  }, [ids, apply]);

  const scrollToId = useCallback(
    (id: string | undefined) => {
      if (id === undefined) return;
      const i = ids.indexOf(id);
      if (i >= 0) virtualizer.scrollToIndex(Math.floor(i / columns), { align: 'auto' });
    },
    [ids, columns, virtualizer],
  );

  // Keep the focused case on screen when it changes from elsewhere (after a delete or an undo).
  useEffect(() => scrollToId(focused), [focused, scrollToId]);
  // Warm the images of the cases beside the focused one: stepping to them then shows them at once.
  useEffect(() => {
    const i = focused ? ids.indexOf(focused) : -1;
    if (i >= 0) prefetchCaseImages([cases[i + 1], cases[i - 1], cases[i + 2]].filter((c): c is Case => !!c));
  }, [focused, ids, cases]);

  const onCellClick = useCallback(
    (e: MouseEvent, id: string) => {
      const mods: Modifiers = { ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey };
      apply(clickCase(current(), ids, id, mods));
      scrollRef.current?.focus({ preventScroll: true });
    },
    [apply, ids],
  );

  // The grid's keys act while it has the keyboard focus, before the view's own keys.
  const hasFocus = () => !!scrollRef.current && scrollRef.current === document.activeElement;
  const move = (key: string) => {
    const el = scrollRef.current;
    const pageRows = el ? Math.max(1, Math.floor(el.clientHeight / rowH)) : 1;
    const d = keyDelta(key.split('+').pop()!, columns, pageRows, ids.length);
    if (d === undefined) return;
    const next = moveFocus(current(), ids, d, { shift: key.includes('Shift+') });
    apply(next);
    scrollToId(next.focused);
  };
  useCommands([
    { id: 'grid.move', keys: GRID_MOVE_KEYS, scope: 'focus:case-grid', when: hasFocus, perform: move },
    { id: 'grid.select-all', keys: ['Ctrl+a'], scope: 'focus:case-grid', when: hasFocus, perform: () => apply(selectAll(current(), ids)) },
    { id: 'grid.open', keys: ['Enter'], scope: 'focus:case-grid', when: hasFocus, perform: () => focused && onOpen?.(focused) },
  ]);

  const items = virtualizer.getVirtualItems();
  const range = virtualizer.range;
  const visibleKey = range ? `${range.startIndex}:${range.endIndex}:${columns}` : '';
  const lastVisible = useRef('');
  useEffect(() => {
    if (!onVisibleIdsChange || !range) return;
    const slice = ids.slice(range.startIndex * columns, (range.endIndex + 1) * columns);
    const key = `${visibleKey}:${slice[0]}:${slice.at(-1)}:${slice.length}`;
    if (key === lastVisible.current) return;
    lastVisible.current = key;
    onVisibleIdsChange(slice);
  });

  return (
    <div
      ref={scrollRef}
      role="listbox"
      aria-label={label}
      aria-multiselectable="true"
      aria-activedescendant={focused ? `case-cell-${focused}` : undefined}
      tabIndex={0}
      data-layout={layout}
      className={`relative min-h-0 overflow-y-auto outline-none focus-visible:ring-1 focus-visible:ring-sky-500/50 focus-visible:ring-inset ${className}`}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {width > 0 &&
          items.map((row) => {
            const first = row.index * columns;
            const rowCases = cases.slice(first, first + columns);
            return (
              <div
                key={row.key}
                role="presentation"
                className={layout === 'grid' ? 'absolute left-0 flex w-full' : 'absolute left-0 w-full'}
                style={{ top: 0, height: rowH, transform: `translateY(${row.start}px)`, contain: 'strict' }}
              >
                {rowCases.map((c) =>
                  layout === 'grid' ? (
                    <GridCell key={c.id} c={c} width={cellW} selected={selected.has(c.id)} focused={focused === c.id} onClick={onCellClick} onOpen={onOpen} decorate={decorate} />
                  ) : (
                    <ListRow key={c.id} c={c} selected={selected.has(c.id)} focused={focused === c.id} onClick={onCellClick} onOpen={onOpen} decorate={decorate} />
                  ),
                )}
              </div>
            );
          })}
      </div>
    </div>
  );
}

interface CellProps {
  c: Case;
  selected: boolean;
  focused: boolean;
  onClick: (e: MouseEvent, id: string) => void;
  onOpen?: (id: string) => void;
  decorate?: (c: Case) => ReactNode;
}

function Thumb({ c, className }: { c: Case; className: string }) {
  const url = useThumbnailUrl(c.assetId);
  if (!url)
    return (
      <div className={`flex items-center justify-center text-zinc-600 ${className}`}>
        <KindIcon kind={c.kind} className="h-1/3 max-h-8 w-1/3 max-w-8" decorative />
      </div>
    );
  return <img src={url} alt="" draggable={false} decoding="async" className={`object-contain ${className}`} />;
}

/** What every cell is to the listbox, the tests and the pointer, in grid and list alike. */
function optionProps({ c, selected, focused, onClick, onOpen }: Pick<CellProps, 'c' | 'selected' | 'focused' | 'onClick' | 'onOpen'>) {
  return {
    id: `case-cell-${c.id}`,
    role: 'option',
    'aria-selected': selected,
    'data-testid': 'case-cell',
    'data-case-id': c.id,
    'data-focused': focused || undefined,
    title: c.name,
    onClick: (e: MouseEvent) => onClick(e, c.id),
    onDoubleClick: () => onOpen?.(c.id),
  };
}

const GridCell = memo(function GridCell({ c, width, selected, focused, onClick, onOpen, decorate }: CellProps & { width: number }) {
  const folder = folderOf(c);
  return (
    <div
      {...optionProps({ c, selected, focused, onClick, onOpen })}
      className="h-full shrink-0 p-1"
      style={{ width }}
    >
      <div
        className={`flex h-full cursor-pointer flex-col overflow-hidden rounded-md border ${
          selected ? 'border-sky-500 bg-sky-950/50' : 'border-zinc-800 bg-zinc-900 hover:border-zinc-600'
        } ${focused ? 'ring-2 ring-sky-400/80' : ''}`}
      >
        <div className="relative min-h-0 flex-1 bg-zinc-950">
          <Thumb c={c} className="absolute inset-0 h-full w-full" />
          <div className="absolute top-1 left-1 flex items-center gap-1">
            {c.kind !== 'image' && (
              <span className="rounded bg-zinc-900/90 p-0.5 text-zinc-200 ring-1 ring-zinc-700" title={c.kind === 'video' ? 'Video' : 'Point cloud'}>
                <KindIcon kind={c.kind} />
              </span>
            )}
            {c.role === 'reference' && <RoleMark />}
          </div>
          {c.error && (
            <div className="absolute top-1 right-1">
              <ErrorMark message={c.error} />
            </div>
          )}
          <div className="absolute right-1 bottom-1 left-1 flex items-end justify-between gap-1">
            <LabelBadge truth={c.truth} className="min-w-0" />
            {decorate && <div className="flex shrink-0 items-center gap-1">{decorate(c)}</div>}
          </div>
        </div>
        <div className="shrink-0 px-1.5 py-1 leading-tight">
          <div className="truncate text-left text-[11px] font-medium text-zinc-100" dir="rtl">
            <bdi dir="ltr">{shortName(c)}</bdi>
          </div>
          <div className="truncate text-[10px] text-zinc-500">
            {c.className}
            {folder && <span className="text-zinc-600"> · {folder}</span>}
          </div>
        </div>
      </div>
    </div>
  );
});

const ListRow = memo(function ListRow({ c, selected, focused, onClick, onOpen, decorate }: CellProps) {
  return (
    <div
      {...optionProps({ c, selected, focused, onClick, onOpen })}
      className={`flex h-full cursor-pointer items-center gap-2 border-b border-zinc-800/70 px-2 text-xs ${
        selected ? 'bg-sky-950/60 text-white' : 'text-zinc-300 hover:bg-zinc-900'
      } ${focused ? 'outline-2 -outline-offset-2 outline-sky-400/80' : ''}`}
    >
      <div className="relative h-7 w-7 shrink-0 overflow-hidden rounded bg-zinc-950">
        <Thumb c={c} className="absolute inset-0 h-full w-full" />
      </div>
      <span className="w-4 shrink-0 text-zinc-400">{c.kind !== 'image' && <KindIcon kind={c.kind} />}</span>
      {/* Clipped at the start, so the file name at the end stays readable. */}
      <span className="min-w-0 flex-1 truncate text-left font-medium" dir="rtl">
        <bdi dir="ltr">{c.name}</bdi>
      </span>
      <span className="w-20 shrink-0 truncate text-zinc-400">{c.className}</span>
      <span className="w-36 shrink-0 truncate">
        <LabelBadge truth={c.truth} />
      </span>
      <span className="w-8 shrink-0">{c.role === 'reference' && <RoleMark />}</span>
      {c.error ? <ErrorMark message={c.error} /> : <span className="w-4 shrink-0" />}
      {decorate && <span className="flex shrink-0 items-center gap-1">{decorate(c)}</span>}
    </div>
  );
});
