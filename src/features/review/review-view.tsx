import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { RunOptions, useRunChoice } from '@/components/run-options';
import type { Case, LabelStatus } from '@/core/model';
import { keyLabel, keyString, resolveKey, type LabelAction } from '@/core/labeling/hotkeys';
import { matchesFilter, REVIEW_FILTERS, type ReviewFilter } from '@/core/labeling/review-filter';
import { useCaseImages } from '@/components/use-case-images';
import { CaseImageStrip } from '@/components/case-image-strip';
import { undoLabels, writeLabels, type LabelPatch, type LabelUndo } from '@/lib/labeling/label-store';
import { reviewReferences } from '@/lib/labeling/review-references';
import { useRunOutcomes, useRuns, useTestCases } from '@/lib/runs/run-data';
import { useLiveQuery } from '@/lib/storage/live-query';
import { useHotkeyStore } from '@/stores/hotkey-store';
import { useUiStore } from '@/stores/ui-store';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Kbd } from '@/components/ui/kbd';
import { CaseGrid } from '@/components/case-grid';
import { ZoomPanImage } from '@/components/zoom-pan-image';
import { BoxLayer, MaskLayer } from '@/components/mask-layer';
import { useThumbnailUrl } from '@/components/use-thumbnail';
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import { VerdictPanel } from '@/features/review/verdict-panel';
import { MissToRule } from '@/features/review/miss-to-rule';
import { HotkeyEditor } from '@/features/review/hotkey-editor';
import { ExportMenu } from '@/features/review/export-menu';

const HIDE_KEY = 'aw.labeling.hideVerdict';
const ADVANCE_KEY = 'aw.labeling.autoAdvance';
const readFlag = (k: string, dflt: boolean) => {
  const v = localStorage.getItem(k);
  return v === null ? dflt : v === '1';
};

/** After "A" with auto-advance on, how long the case stays for an optional defect-type digit, ms. */
const DIGIT_WAIT_MS = 1500;

const STATUS_TONE: Record<LabelStatus, 'normal' | 'anomalous' | 'unsure' | 'neutral'> = { normal: 'normal', anomalous: 'anomalous', unsure: 'unsure', unlabelled: 'neutral' };

/** The run's answer on a grid cell: verdict or failure, and the flip rate across repeats. */
function VerdictMark({ o }: { o: CaseOutcome | undefined }) {
  if (!o) return null;
  return (
    <>
      {o.outcome !== 'ok' ? (
        <span className="rounded bg-red-950/90 px-1 text-[9px] font-semibold text-red-200 uppercase ring-1 ring-red-700/60" title={`The run’s answer: ${o.outcome}`}>{o.outcome}</span>
      ) : (
        <span data-verdict={o.verdict} title={`The run says ${o.verdict}`} className={`rounded px-1 text-[9px] font-semibold uppercase ring-1 ${o.verdict === 'anomalous' ? 'bg-rose-900/90 text-rose-100 ring-rose-500/60' : 'bg-emerald-900/90 text-emerald-100 ring-emerald-500/60'}`}>{o.verdict === 'anomalous' ? 'run: anom' : 'run: normal'}</span>
      )}
      {o.flipRate > 0 && <span className="rounded bg-amber-900/90 px-1 text-[9px] font-semibold text-amber-100" title={`${Math.round(o.flipRate * 100)}% of repeats disagree with the majority`}>⇄ {Math.round(o.flipRate * 100)}%</span>}
    </>
  );
}

function RefThumb({ c, onPeek }: { c: Case; onPeek: (c: Case | undefined) => void }) {
  const url = useThumbnailUrl(c.assetId);
  return (
    <button
      type="button"
      title={`${c.name} — hold to see it large`}
      onPointerDown={() => onPeek(c)}
      onPointerUp={() => onPeek(undefined)}
      onPointerLeave={() => onPeek(undefined)}
      className="h-16 w-16 shrink-0 overflow-hidden rounded ring-1 ring-emerald-700/60 hover:ring-emerald-400"
    >
      {url ? <img src={url} alt={c.name} className="h-full w-full object-cover" draggable={false} /> : <div className="h-full w-full bg-zinc-800" />}
    </button>
  );
}

export function ReviewView() {
  const cases = useTestCases();
  const runs = useRuns();
  const [activeRunId, setRunId] = useRunChoice(runs);
  const { byCase, outcomes } = useRunOutcomes(activeRunId, cases);
  const bindings = useHotkeyStore((s) => s.bindings);
  const focusedId = useUiStore((s) => s.focusedCaseId);
  const focusCase = useUiStore((s) => s.focusCase);
  const selected = useUiStore((s) => s.selectedCaseIds);
  const setSelection = useUiStore((s) => s.setSelection);
  const [filter, setFilter] = useState<ReviewFilter>('all');
  const [className, setClassName] = useState<string>('');
  const [hideVerdict, setHideVerdict] = useState(() => readFlag(HIDE_KEY, false));
  const [autoAdvance, setAutoAdvance] = useState(() => readFlag(ADVANCE_KEY, true));
  const [showKeys, setShowKeys] = useState(false);
  const [brightness, setBrightness] = useState(1);
  const [gtOutline, setGtOutline] = useState(false);
  const [contrast, setContrast] = useState(1);
  const [peek, setPeek] = useState<Case>();
  const [message, setMessage] = useState<string>();
  const [noteDraft, setNoteDraft] = useState('');
  const writes = useRef<Promise<void>>(Promise.resolve());
  const undoStack = useRef<{ undo: LabelUndo; focus: string | undefined; what: string }[]>([]);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  // "A then 2": the move to the next case waits for an optional digit, so the digit types the case just labelled.
  const awaiting = useRef<{ caseId: string; nextId: string; timer: ReturnType<typeof setTimeout> } | undefined>(undefined);
  const [awaitingDigit, setAwaitingDigit] = useState<string>();

  useEffect(() => localStorage.setItem(HIDE_KEY, hideVerdict ? '1' : '0'), [hideVerdict]);
  useEffect(() => localStorage.setItem(ADVANCE_KEY, autoAdvance ? '1' : '0'), [autoAdvance]);

  const classes = useMemo(() => [...new Set((cases ?? []).map((c) => c.className))].sort(), [cases]);
  const inClass = useMemo(() => (cases ?? []).filter((c) => !className || c.className === className), [cases, className]);
  const counts = useMemo(() => Object.fromEntries(REVIEW_FILTERS.map((f) => [f.id, inClass.filter((c) => matchesFilter(f.id, c.truth.status, outcomes.get(c.id))).length])), [inClass, outcomes]);
  const list = useMemo(() => inClass.filter((c) => matchesFilter(filter, c.truth.status, outcomes.get(c.id))), [inClass, filter, outcomes]);
  const labelled = inClass.filter((c) => c.truth.status !== 'unlabelled').length;

  const focused = useMemo(() => (cases ?? []).find((c) => c.id === focusedId) ?? list[0], [cases, focusedId, list]);
  useEffect(() => setNoteDraft(focused?.truth.note ?? ''), [focused?.id, focused?.truth.note]);

  const defectTypes = useMemo(() => {
    const set = new Set<string>();
    for (const c of cases ?? []) if (c.className === focused?.className && c.truth.defectType) set.add(c.truth.defectType);
    return [...set].sort().slice(0, 9);
  }, [cases, focused?.className]);

  const activeRun = runs?.find((r) => r.id === activeRunId);
  // The references the run's prompt sent for this class, else reference candidates, else normal cases.
  const references = useLiveQuery(
    async () => (focused ? reviewReferences(focused, activeRun?.promptVersionId) : { cases: [] as Case[], from: '' }),
    [focused?.className, focused?.assetId, activeRun?.promptVersionId],
  );

  const shownCase = peek ?? focused;
  // Every image the model gets for the case (frames, depth views), stepped with keys or the strip.
  const { images, error: imageError } = useCaseImages(shownCase);
  const [imageIndex, setImageIndex] = useState(0);
  useEffect(() => setImageIndex(0), [shownCase?.id]);
  const image = images?.[Math.min(imageIndex, images.length - 1)];
  const stepImage = useCallback((d: number) => setImageIndex((i) => Math.max(0, Math.min((images?.length ?? 1) - 1, i + d))), [images?.length]);

  const move = useCallback(
    (delta: number) => {
      if (!list.length) return;
      const i = focused ? list.findIndex((c) => c.id === focused.id) : -1;
      const next = list[Math.min(list.length - 1, Math.max(0, i < 0 ? 0 : i + delta))];
      focusCase(next.id);
      setSelection([next.id]);
    },
    [list, focused, focusCase, setSelection],
  );

  /** Ends the wait for a defect digit; `advance` moves on, unless the user has moved elsewhere meanwhile. */
  const settleAwaiting = useCallback(
    (advance: boolean) => {
      const w = awaiting.current;
      if (!w) return;
      clearTimeout(w.timer);
      awaiting.current = undefined;
      setAwaitingDigit(undefined);
      if (advance && useUiStore.getState().focusedCaseId === w.caseId) {
        focusCase(w.nextId);
        setSelection([w.nextId]);
      }
    },
    [focusCase, setSelection],
  );

  const label = useCallback(
    /** `target`: the case a defect digit belongs to (the one waiting for it), else the focused case or the selection. */
    async (patch: LabelPatch, what: string, target?: Case) => {
      const one = target ?? focused;
      if (!one) return;
      const bulk = !target && selected.size > 1;
      const ids = bulk ? [...selected] : [one.id];
      const i = target ? -1 : list.findIndex((c) => c.id === one.id);
      const nextCase = i >= 0 ? list[i + 1] : undefined;
      const waitForDigit = !bulk && autoAdvance && !!nextCase && patch.status === 'anomalous' && !patch.defectType;
      settleAwaiting(false);
      if (waitForDigit) {
        const caseId = one.id;
        awaiting.current = { caseId, nextId: nextCase.id, timer: setTimeout(() => settleAwaiting(true), DIGIT_WAIT_MS) };
        setAwaitingDigit(caseId);
      }
      // Move on at once; the write follows in order (writes and undos queue behind each other).
      else if (!bulk && autoAdvance && nextCase) {
        focusCase(nextCase.id);
        setSelection([nextCase.id]);
      }
      const focusId = one.id;
      const name = one.name.split('/').pop();
      writes.current = writes.current.then(async () => {
        const undo = await writeLabels(ids, patch);
        undoStack.current.push({ undo, focus: focusId, what });
        if (undoStack.current.length > 200) undoStack.current.shift();
        setMessage(`${bulk ? `${ids.length} cases` : name}: ${what}. ${waitForDigit ? 'A digit now gives it a defect type. ' : ''}${keyLabel(bindings.undo[0])} undoes.`);
      }).catch((e: unknown) => setMessage(e instanceof Error ? e.message : 'The label could not be saved; try again.'));
      await writes.current;
    },
    [focused, selected, list, bindings, autoAdvance, focusCase, setSelection, settleAwaiting],
  );

  const undo = useCallback(async () => {
    writes.current = writes.current.then(async () => {
      const last = undoStack.current.pop();
      if (!last) return setMessage('Nothing to undo.');
      await undoLabels(last.undo);
      if (last.focus) {
        focusCase(last.focus);
        setSelection([last.focus]);
      }
      setMessage(`Undone: ${last.what} (${last.undo.before.length} case${last.undo.before.length === 1 ? '' : 's'}).`);
    }).catch((e: unknown) => setMessage(e instanceof Error ? e.message : 'Undo failed; try again.'));
    await writes.current;
  }, [focusCase, setSelection]);

  const perform = useCallback(
    (a: LabelAction) => {
      switch (a) {
        case 'next':
        case 'skip':
          return move(1);
        case 'previous':
          return move(-1);
        case 'next-image':
          return stepImage(1);
        case 'previous-image':
          return stepImage(-1);
        case 'normal':
        case 'anomalous':
        case 'unsure':
          return void label({ status: a }, `labelled ${a}`);
        case 'note':
          return noteRef.current?.focus();
        case 'undo':
          return void undo();
        case 'toggle-verdict':
          return setHideVerdict((h) => !h);
        case 'select-all':
          return setSelection(list.map((c) => c.id));
      }
    },
    [move, label, undo, setSelection, list, stepImage],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      // The grid handles arrows and Ctrl+A itself when it has focus.
      if (e.defaultPrevented || e.altKey || t?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (e.key === 'Escape') return setSelection([]);
      const r = resolveKey(bindings, keyString(e));
      if (!r) return;
      e.preventDefault();
      // While a labelled case waits for its digit, a move key only ends the wait (no double step).
      if (awaiting.current && r.kind === 'action') {
        settleAwaiting(true);
        if (r.action === 'next' || r.action === 'skip') return;
      }
      if (r.kind === 'action') return perform(r.action);
      const type = defectTypes[r.index];
      // The digit belongs to the case waiting for it, even if the grid has moved on (e.g. it left the Unlabelled filter).
      const waiting = awaiting.current ? cases?.find((c) => c.id === awaiting.current!.caseId) : undefined;
      if (type && waiting) {
        settleAwaiting(true);
        void label({ status: 'anomalous', defectType: type }, `labelled anomalous, ${type}`, waiting);
      } else if (type) void label({ status: 'anomalous', defectType: type }, `labelled anomalous, ${type}`);
      else setMessage(`There is no defect type ${r.index + 1} for class ${focused?.className ?? ''}; the numbers follow the types already used in this class.`);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bindings, perform, defectTypes, label, focused?.className, setSelection, settleAwaiting, cases]);
  useEffect(() => () => clearTimeout(awaiting.current?.timer), []);

  if (cases === undefined) return <div className="p-6 text-sm text-zinc-500">Loading cases…</div>;
  if (cases.length === 0) return <EmptyState title="No cases to review">Add images, point clouds or videos in the Library first; they appear here for labelling.</EmptyState>;

  const k = (a: LabelAction) => <Kbd>{keyLabel(bindings[a][0])}</Kbd>;
  const outcome = focused ? outcomes.get(focused.id) : undefined;
  const bulk = selected.size > 1;

  return (
    <div className="relative flex h-full flex-col" data-testid="labeling-view">
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-800 bg-zinc-900/60 px-3 py-2">
        <div className="flex gap-1" role="tablist" aria-label="Review filter">
          {REVIEW_FILTERS.map((f) => (
            <button key={f.id} role="tab" type="button" aria-selected={filter === f.id} title={f.hint} onClick={() => setFilter(f.id)} className={`rounded-md px-2.5 py-1 text-xs ${filter === f.id ? 'bg-sky-600 text-white' : 'bg-zinc-800 text-zinc-300 hover:bg-zinc-700'}`}>
              {f.title} <span className="opacity-70">{counts[f.id]}</span>
            </button>
          ))}
        </div>
        <select aria-label="Class" value={className} onChange={(e) => setClassName(e.target.value)} className="rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1 text-xs">
          <option value="">All classes</option>
          {classes.map((c) => <option key={c}>{c}</option>)}
        </select>
        <select aria-label="Run" value={activeRunId ?? ''} onChange={(e) => setRunId(e.target.value || undefined)} className="max-w-64 min-w-0 rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1 text-xs">
          {!runs?.length && <option value="">No runs yet</option>}
          {runs && <RunOptions runs={runs} />}
        </select>
        <label className="flex items-center gap-1.5 text-xs text-zinc-300"><input type="checkbox" checked={hideVerdict} onChange={(e) => setHideVerdict(e.target.checked)} /> Hide verdict</label>
        <label className="flex items-center gap-1.5 text-xs text-zinc-300"><input type="checkbox" checked={autoAdvance} onChange={(e) => setAutoAdvance(e.target.checked)} /> Auto-advance</label>
        <div className="ml-auto flex items-center gap-3">
          <span className="text-xs text-zinc-400" data-testid="label-progress">{labelled} / {inClass.length} labelled</span>
          <ExportMenu runId={activeRunId} />
          <Button tone="ghost" className="px-2 py-1 text-xs" onClick={() => setShowKeys((s) => !s)}>Keys…</Button>
        </div>
      </div>
      {showKeys && <HotkeyEditor onClose={() => setShowKeys(false)} />}

      <div className="grid min-h-0 flex-1 grid-cols-[200px_minmax(0,1fr)_272px] xl:grid-cols-[340px_minmax(0,1fr)_360px]">
        <aside className="flex min-h-0 flex-col border-r border-zinc-800 pt-2">
          <p className="px-3 pb-2 text-[11px] text-zinc-500">{list.length} shown · click to open, Ctrl-click or Shift-click to select several, then press a label key</p>
          {list.length ? <CaseGrid cases={list} label="Cases to review" className="flex-1" decorate={hideVerdict ? undefined : (c) => <VerdictMark o={outcomes.get(c.id)} />} /> : <p className="p-4 text-sm text-zinc-500">No case matches this filter.</p>}
        </aside>

        <section className="flex min-h-0 flex-col gap-2 p-3">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="min-w-0 truncate text-sm font-medium" data-testid="focused-name">{peek ? `Reference: ${peek.name}` : focused?.name}</h2>
            {focused && !peek && <Badge>{focused.className}</Badge>}
            {awaitingDigit && (
              <span data-testid="awaiting-digit" className="animate-pulse truncate rounded bg-rose-950 px-1.5 py-0.5 text-[11px] text-rose-200 ring-1 ring-rose-700">
                defect type{awaitingDigit !== focused?.id ? ` for ${cases?.find((c) => c.id === awaitingDigit)?.name.split('/').pop() ?? 'the case just labelled'}` : ''}? press {defectTypes.length ? `1–${defectTypes.length}` : 'a digit'}
              </span>
            )}
            <div className="ml-auto flex items-center gap-3 text-[11px] text-zinc-400">
              <label className="flex items-center gap-1">Brightness <input type="range" min={0.3} max={3} step={0.05} value={brightness} onChange={(e) => setBrightness(+e.target.value)} className="w-20 accent-sky-500" /></label>
              <label className="flex items-center gap-1">Contrast <input type="range" min={0.3} max={3} step={0.05} value={contrast} onChange={(e) => setContrast(+e.target.value)} className="w-20 accent-sky-500" /></label>
              <button type="button" className="text-sky-400 hover:underline" onClick={() => { setBrightness(1); setContrast(1); }}>reset</button>
              {focused?.kind === 'image' && focused.maskAssetIds.length > 0 && (
                <label className="flex items-center gap-1" title="Outline the dataset's defect mask over the image">
                  <input type="checkbox" checked={gtOutline} onChange={(e) => setGtOutline(e.target.checked)} className="accent-rose-500" /> Mask outline
                </label>
              )}
            </div>
          </div>
          <div className="min-h-0 flex-1">
            {imageError ? (
              <p className="p-4 text-sm text-rose-300">{imageError}</p>
            ) : (
              <ZoomPanImage
                blob={image?.blob}
                alt={shownCase?.name ?? ''}
                brightness={brightness}
                contrast={contrast}
                className="h-full w-full rounded-lg"
                overlay={
                  shownCase && !peek ? (
                    <>
                      {gtOutline && shownCase.kind === 'image' && shownCase.maskAssetIds.length > 0 && <MaskLayer c={shownCase} style="outline" />}
                      {!hideVerdict && <BoxLayer fill boxes={(byCase.get(shownCase.id)?.[0]?.locations ?? []).filter((l) => l.image === 0).map((l) => l.box)} />}
                    </>
                  ) : undefined
                }
              />
            )}
          </div>
          {images && images.length > 1 && <CaseImageStrip images={images} index={Math.min(imageIndex, images.length - 1)} onIndex={setImageIndex} hint={`${keyLabel(bindings['previous-image'][0])} ${keyLabel(bindings['next-image'][0])} step`} />}
          <p className="text-[11px] text-zinc-500">Scroll to zoom, drag to pan, double-click to fit. {images?.length === 1 && image?.caption && image.caption !== shownCase?.name ? `Showing: ${image.caption}` : ''}</p>
        </section>

        <aside className="flex min-h-0 flex-col gap-4 overflow-y-auto border-l border-zinc-800 p-3">
          <section>
            <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">References (normal){references?.from && <span className="font-normal normal-case tracking-normal text-zinc-600"> · from {references.from}, hold to compare</span>}</h3>
            {references?.cases.length ? <div className="flex flex-wrap gap-1.5">{references.cases.map((r) => <RefThumb key={r.id} c={r} onPeek={setPeek} />)}</div> : <p className="text-xs text-zinc-500">No reference or normal case of this class yet.</p>}
          </section>

          <section aria-label="Label">
            <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">{bulk ? `Label ${selected.size} selected cases` : 'Label'}</h3>
            {focused && !bulk && (
              <p className="mb-2 flex items-center gap-1.5 text-xs text-zinc-400" data-testid="current-label">
                <Badge tone={STATUS_TONE[focused.truth.status]}>{focused.truth.status}</Badge>
                {focused.truth.defectType && <Badge>{focused.truth.defectType}</Badge>}
                {focused.truth.source && <span>from {focused.truth.source}{focused.truth.at && focused.truth.source !== 'folder' ? `, ${new Date(focused.truth.at).toLocaleString()}` : ''}</span>}
              </p>
            )}
            <div className="grid grid-cols-3 gap-1.5">
              <button type="button" onClick={() => perform('normal')} className="flex flex-col items-center gap-1 rounded-md border border-emerald-700 bg-emerald-950/60 py-2 text-sm text-emerald-100 hover:bg-emerald-900">Normal {k('normal')}</button>
              <button type="button" onClick={() => perform('anomalous')} className="flex flex-col items-center gap-1 rounded-md border border-rose-700 bg-rose-950/60 py-2 text-sm text-rose-100 hover:bg-rose-900">Anomalous {k('anomalous')}</button>
              <button type="button" onClick={() => perform('unsure')} className="flex flex-col items-center gap-1 rounded-md border border-amber-700 bg-amber-950/60 py-2 text-sm text-amber-100 hover:bg-amber-900">Unsure {k('unsure')}</button>
            </div>
            {defectTypes.length > 0 && (
              <div className="mt-2 flex flex-wrap gap-1">
                {defectTypes.map((t, i) => (
                  <button key={t} type="button" onClick={() => void label({ status: 'anomalous', defectType: t }, `labelled anomalous, ${t}`)} className={`flex items-center gap-1 rounded border px-1.5 py-0.5 text-[11px] ${focused?.truth.defectType === t ? 'border-rose-500 bg-rose-950 text-rose-100' : 'border-zinc-700 bg-zinc-900 text-zinc-300 hover:border-zinc-500'}`}>
                    <Kbd>{i + 1}</Kbd> {t}
                  </button>
                ))}
              </div>
            )}
            <div className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-[11px] text-zinc-400">
              <span>{k('previous')} {k('next')} move</span>
              <span>{k('skip')} skip</span>
              <span>{k('undo')} undo</span>
              <span>{k('toggle-verdict')} verdict</span>
              <span>{k('select-all')} select all</span>
              <span title="With auto-advance on, the case stays a moment after the anomalous key so a digit can give it a defect type.">{k('anomalous')} then <Kbd>1</Kbd>–<Kbd>9</Kbd> anomalous with a defect type</span>
            </div>
            <label className="mt-2 block text-[11px] text-zinc-500">
              Note {k('note')}
              <textarea
                ref={noteRef}
                value={noteDraft}
                onChange={(e) => setNoteDraft(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape' || (e.key === 'Enter' && !e.shiftKey)) {
                    e.preventDefault();
                    e.currentTarget.blur();
                  }
                }}
                onBlur={() => {
                  if (focused && noteDraft !== (focused.truth.note ?? '')) void label({ note: noteDraft }, 'note saved');
                }}
                rows={2}
                placeholder="What you saw (Enter saves)"
                className="mt-1 w-full resize-none rounded-md border border-zinc-700 bg-zinc-950 p-2 text-xs text-zinc-200 outline-none focus:border-sky-500"
              />
            </label>
            {message && <p role="status" className="mt-1 text-xs text-sky-300">{message}</p>}
          </section>

          <section>
            <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">Verdict of the run</h3>
            <VerdictPanel outcome={outcome} answers={focused ? byCase.get(focused.id) : undefined} hidden={hideVerdict} />
            <MissToRule caseId={focused?.id} runId={activeRunId} outcome={outcome} answers={focused ? byCase.get(focused.id) : undefined} hidden={hideVerdict} />
          </section>
        </aside>
      </div>
    </div>
  );
}
