import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import type { LabelStatus } from '@/core/model';
import { keyLabel, type LabelAction } from '@/core/labeling/hotkeys';
import { Badge } from '@/components/ui/badge';
import { Kbd } from '@/components/ui/kbd';
import type { ReviewSession } from '@/features/review/use-review-session';

const STATUS_TONE: Record<LabelStatus, 'normal' | 'anomalous' | 'unsure' | 'neutral'> = { normal: 'normal', anomalous: 'anomalous', unsure: 'unsure', unlabelled: 'neutral' };

const LABEL_BUTTONS: { action: 'normal' | 'anomalous' | 'unsure'; title: string; className: string }[] = [
  { action: 'normal', title: 'Normal', className: 'border-emerald-700 bg-emerald-950/60 text-emerald-100 hover:bg-emerald-900' },
  { action: 'anomalous', title: 'Anomalous', className: 'border-rose-700 bg-rose-950/60 text-rose-100 hover:bg-rose-900' },
  { action: 'unsure', title: 'Unsure', className: 'border-amber-700 bg-amber-950/60 text-amber-100 hover:bg-amber-900' },
];

/** The note of the focused case; Enter or leaving the field saves it. */
function NoteField({ s, k, noteRef }: { s: ReviewSession; k: (a: LabelAction) => ReactNode; noteRef: RefObject<HTMLTextAreaElement | null> }) {
  const focused = s.queue.focused;
  const [draft, setDraft] = useState('');
  useEffect(() => setDraft(focused?.truth.note ?? ''), [focused?.id, focused?.truth.note]);
  return (
    <label className="mt-2 block text-[11px] text-zinc-500">
      Note {k('note')}
      <textarea
        ref={noteRef}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || (e.key === 'Enter' && !e.shiftKey)) {
            e.preventDefault();
            e.currentTarget.blur();
          }
        }}
        onBlur={() => {
          if (focused && draft !== (focused.truth.note ?? '')) void s.writer.label({ note: draft }, 'note saved');
        }}
        rows={2}
        placeholder="What you saw (Enter saves)"
        className="mt-1 w-full resize-none rounded-md border border-zinc-700 bg-zinc-950 p-2 text-xs text-zinc-200 outline-none focus:border-sky-500"
      />
    </label>
  );
}

/** Labelling the focused case or the selection: current label, buttons, defect types, keys, note and the last outcome. */
export function LabelPanel({ s, noteRef }: { s: ReviewSession; noteRef: RefObject<HTMLTextAreaElement | null> }) {
  const focused = s.queue.focused;
  const defectTypes = s.queue.defectTypes;
  const k = (a: LabelAction) => <Kbd>{keyLabel(s.bindings[a][0])}</Kbd>;
  return (
    <section aria-label="Label">
      <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">{s.bulk ? `Label ${s.selected.size} selected cases` : 'Label'}</h3>
      {focused && !s.bulk && (
        <p className="mb-2 flex items-center gap-1.5 text-xs text-zinc-400" data-testid="current-label">
          <Badge tone={STATUS_TONE[focused.truth.status]}>{focused.truth.status}</Badge>
          {focused.truth.defectType && <Badge>{focused.truth.defectType}</Badge>}
          {focused.truth.source && <span>from {focused.truth.source}{focused.truth.at && focused.truth.source !== 'folder' ? `, ${new Date(focused.truth.at).toLocaleString()}` : ''}</span>}
        </p>
      )}
      <div className="grid grid-cols-3 gap-1.5">
        {LABEL_BUTTONS.map((b) => (
          <button key={b.action} type="button" onClick={() => s.perform(b.action)} className={`flex flex-col items-center gap-1 rounded-md border py-2 text-sm ${b.className}`}>{b.title} {k(b.action)}</button>
        ))}
      </div>
      {defectTypes.length > 0 && (
        <div className="mt-2 flex flex-wrap gap-1">
          {defectTypes.map((t, i) => (
            <button key={t} type="button" onClick={() => void s.writer.label({ status: 'anomalous', defectType: t }, `labelled anomalous, ${t}`)} className={`flex items-center gap-1 rounded border px-1.5 py-0.5 text-[11px] ${focused?.truth.defectType === t ? 'border-rose-500 bg-rose-950 text-rose-100' : 'border-zinc-700 bg-zinc-900 text-zinc-300 hover:border-zinc-500'}`}>
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
      <NoteField s={s} k={k} noteRef={noteRef} />
      {s.writer.message && <p role="status" className="mt-1 text-xs text-sky-300">{s.writer.message}</p>}
    </section>
  );
}
