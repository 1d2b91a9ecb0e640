import { useRef, useState } from 'react';
import { CaseGrid } from '@/components/case-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { VerdictPanel } from '@/features/review/verdict-panel';
import { MissToRule } from '@/features/review/miss-to-rule';
import { HotkeyEditor } from '@/features/review/hotkey-editor';
import { VerdictMark } from '@/features/review/verdict-mark';
import { ReferenceStrip } from '@/features/review/reference-strip';
import { ReviewToolbar } from '@/features/review/review-toolbar';
import { CaseStage } from '@/features/review/case-stage';
import { LabelPanel } from '@/features/review/label-panel';
import { useReviewSession } from '@/features/review/use-review-session';

/** Review: the cases of a run in a grid, the focused one large, labels by key, the run's verdict beside it. */
export function ReviewView() {
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const s = useReviewSession(noteRef);
  const [showKeys, setShowKeys] = useState(false);
  const { cases, queue, outcomes, byCase, hideVerdict, activeRunId } = s;
  const focused = queue.focused;
  if (cases === undefined) return <div className="p-6 text-sm text-zinc-500">Loading cases…</div>;
  if (cases.length === 0) return <EmptyState title="No cases to review">Add images, point clouds or videos in the Library first; they appear here for labelling.</EmptyState>;
  const outcome = focused ? outcomes.get(focused.id) : undefined;
  const answers = focused ? byCase.get(focused.id) : undefined;

  return (
    <div className="relative flex h-full flex-col" data-testid="labeling-view">
      <ReviewToolbar s={s} onKeys={() => setShowKeys((v) => !v)} />
      {showKeys && <HotkeyEditor onClose={() => setShowKeys(false)} />}

      <div className="grid min-h-0 flex-1 grid-cols-[200px_minmax(0,1fr)_272px] xl:grid-cols-[340px_minmax(0,1fr)_360px]">
        <aside className="flex min-h-0 flex-col border-r border-zinc-800 pt-2">
          <p className="px-3 pb-2 text-[11px] text-zinc-500">{queue.list.length} shown · click to open, Ctrl-click or Shift-click to select several, then press a label key</p>
          {queue.list.length ? <CaseGrid cases={queue.list} label="Cases to review" className="flex-1" decorate={hideVerdict ? undefined : (c) => <VerdictMark o={outcomes.get(c.id)} />} /> : <p className="p-4 text-sm text-zinc-500">No case matches this filter.</p>}
        </aside>

        <CaseStage s={s} />

        <aside className="flex min-h-0 flex-col gap-4 overflow-y-auto border-l border-zinc-800 p-3">
          <ReferenceStrip references={s.references} onPeek={s.setPeek} />
          <LabelPanel s={s} noteRef={noteRef} />

          <section>
            <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">Verdict of the run</h3>
            <VerdictPanel outcome={outcome} answers={answers} hidden={hideVerdict} />
            <MissToRule caseId={focused?.id} runId={activeRunId} outcome={outcome} answers={answers} hidden={hideVerdict} />
          </section>
        </aside>
      </div>
    </div>
  );
}
