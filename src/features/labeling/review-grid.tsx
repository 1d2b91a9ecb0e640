import { memo, useEffect, useRef, useState, type MouseEvent } from 'react';
import type { Case } from '@/core/model';
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import { projectDb } from '@/lib/db';
import { useLiveQuery } from '@/lib/live-query';
import { useObjectUrl } from '@/features/labeling/zoom-image';

const CELL_PX = 104;
const COLS = 3;

const LABEL_RING: Record<string, string> = {
  normal: 'bg-emerald-500',
  anomalous: 'bg-rose-500',
  unsure: 'bg-amber-400',
  unlabelled: 'bg-zinc-600',
};

function Thumb({ assetId, alt }: { assetId: string; alt: string }) {
  const t = useLiveQuery(() => projectDb().thumbs.get(assetId), [assetId]);
  const url = useObjectUrl(t?.blob);
  return url ? <img src={url} alt={alt} draggable={false} className="h-full w-full object-cover" /> : <div className="h-full w-full bg-zinc-800" />;
}

const Cell = memo(function Cell({ c, outcome, focused, selected, hideVerdict, onClick }: { c: Case; outcome: CaseOutcome | undefined; focused: boolean; selected: boolean; hideVerdict: boolean; onClick: (e: MouseEvent, id: string) => void }) {
  const failed = outcome && outcome.outcome !== 'ok';
  return (
    <button
      type="button"
      data-case-id={c.id}
      data-label={c.truth.status}
      aria-pressed={selected}
      title={`${c.name} — ${c.className}, label ${c.truth.status}`}
      onClick={(e) => onClick(e, c.id)}
      className={`group relative h-[96px] w-full overflow-hidden rounded-md bg-zinc-900 text-left outline-none ${focused ? 'ring-2 ring-white' : selected ? 'ring-2 ring-sky-400' : 'ring-1 ring-zinc-800 hover:ring-zinc-600'}`}
    >
      <Thumb assetId={c.assetId} alt={c.name} />
      {selected && <div className="pointer-events-none absolute inset-0 bg-sky-500/20" />}
      <div className="absolute inset-x-0 bottom-0 flex items-center gap-1 bg-gradient-to-t from-black/90 to-transparent px-1.5 pt-3 pb-1">
        <span className={`h-2 w-2 shrink-0 rounded-full ${LABEL_RING[c.truth.status]}`} aria-hidden />
        <span className="truncate text-[10px] text-zinc-200">{c.name.split('/').slice(-2).join('/')}</span>
      </div>
      {!hideVerdict && outcome && (
        <div className="absolute top-1 right-1 flex gap-0.5">
          {failed ? (
            <span className="rounded bg-red-950/90 px-1 text-[9px] font-semibold text-red-200 uppercase">{outcome.outcome}</span>
          ) : (
            <span className={`rounded px-1 text-[9px] font-semibold uppercase ${outcome.verdict === 'anomalous' ? 'bg-rose-900/90 text-rose-100' : 'bg-emerald-900/90 text-emerald-100'}`}>{outcome.verdict === 'anomalous' ? 'anom' : 'ok'}</span>
          )}
          {outcome.flipRate > 0 && <span className="rounded bg-amber-900/90 px-1 text-[9px] font-semibold text-amber-100" title={`${Math.round(outcome.flipRate * 100)}% of repeats disagree with the majority`}>⇄ {Math.round(outcome.flipRate * 100)}%</span>}
        </div>
      )}
    </button>
  );
});

/** The review queue as a virtual grid: click focuses, Ctrl/⌘-click toggles, Shift-click selects a range. */
export function ReviewGrid({ cases, outcomes, focusedId, selected, hideVerdict, onCellClick }: { cases: Case[]; outcomes: Map<string, CaseOutcome>; focusedId: string | undefined; selected: ReadonlySet<string>; hideVerdict: boolean; onCellClick: (e: MouseEvent, id: string) => void }) {
  const parent = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 800 });
  const rows = Math.ceil(cases.length / COLS);
  const first = Math.max(0, Math.floor(scroll.top / CELL_PX) - 3);
  const last = Math.min(rows, Math.ceil((scroll.top + scroll.height) / CELL_PX) + 3);
  const focusIndex = focusedId ? cases.findIndex((c) => c.id === focusedId) : -1;
  useEffect(() => {
    const el = parent.current;
    if (!el) return;
    const sync = () => setScroll({ top: el.scrollTop, height: el.clientHeight });
    sync();
    const ro = new ResizeObserver(sync);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // Keep the focused case in view when the keyboard moves it.
  useEffect(() => {
    const el = parent.current;
    if (!el || focusIndex < 0) return;
    const top = Math.floor(focusIndex / COLS) * CELL_PX;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + CELL_PX > el.scrollTop + el.clientHeight) el.scrollTop = top + CELL_PX - el.clientHeight;
  }, [focusIndex]);
  const visible = [];
  for (let r = first; r < last; r++) visible.push(r);
  return (
    <div ref={parent} onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })} className="h-full overflow-y-auto px-2 pt-1 pb-2" data-testid="review-grid">
      <div style={{ height: rows * CELL_PX, position: 'relative' }}>
        {visible.map((r) => (
          <div key={r} className="absolute inset-x-0 grid grid-cols-3 gap-2" style={{ top: r * CELL_PX, height: CELL_PX - 8 }}>
            {cases.slice(r * COLS, r * COLS + COLS).map((c) => (
              <Cell key={c.id} c={c} outcome={outcomes.get(c.id)} focused={c.id === focusedId} selected={selected.has(c.id)} hideVerdict={hideVerdict} onClick={onCellClick} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
