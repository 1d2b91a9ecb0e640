import { REVIEW_FILTERS } from '@/core/labeling/review-filter';
import { RunOptions } from '@/components/run-options';
import { Button } from '@/components/ui/button';
import { FilterTabs } from '@/components/filter-tabs';
import { ExportMenu } from '@/features/review/export-menu';
import type { ReviewSession } from '@/features/review/use-review-session';

/** Filter tabs, class and run choice, preferences, progress, export and the key editor's button. */
export function ReviewToolbar({ s, onKeys }: { s: ReviewSession; onKeys: () => void }) {
  const q = s.queue;
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-zinc-800 bg-zinc-900/60 px-3 py-2">
      <FilterTabs label="Review filter" filters={REVIEW_FILTERS} value={q.filter} counts={q.counts} onChange={q.setFilter} />
      <select aria-label="Class" value={q.className} onChange={(e) => q.setClassName(e.target.value)} className="rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1 text-xs">
        <option value="">All classes</option>
        {q.classes.map((c) => <option key={c}>{c}</option>)}
      </select>
      <select aria-label="Run" value={s.activeRunId ?? ''} onChange={(e) => s.setRunId(e.target.value || undefined)} className="max-w-64 min-w-0 rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1 text-xs">
        {!s.runs?.length && <option value="">No runs yet</option>}
        {s.runs && <RunOptions runs={s.runs} />}
      </select>
      <label className="flex items-center gap-1.5 text-xs text-zinc-300"><input type="checkbox" checked={s.hideVerdict} onChange={(e) => s.setHideVerdict(e.target.checked)} /> Hide verdict</label>
      <label className="flex items-center gap-1.5 text-xs text-zinc-300"><input type="checkbox" checked={s.autoAdvance} onChange={(e) => s.setAutoAdvance(e.target.checked)} /> Auto-advance</label>
      <div className="ml-auto flex items-center gap-3">
        <span className="text-xs text-zinc-400" data-testid="label-progress">{q.labelled} / {q.inClass.length} labelled</span>
        <ExportMenu runId={s.activeRunId} />
        <Button tone="ghost" className="px-2 py-1 text-xs" onClick={onKeys}>Keys…</Button>
      </div>
    </div>
  );
}
