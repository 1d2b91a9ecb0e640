import { useMemo } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { IngestReport } from '@/lib/ingest/run';
import type { SkipReason } from '@/lib/ingest/types';
import { useIngestState } from '@/features/library/ingest-state';

const REASON_LABEL: Record<SkipReason, string> = {
  duplicate: 'Already in the project',
  unsupported: 'Not a supported file',
  corrupt: 'Damaged or cut off',
  'too-large': 'Too large',
  empty: 'Empty (0 bytes)',
  unreadable: 'Could not be read',
  'unreadable-folder': 'Folder could not be read',
  'orphan-mask': 'Mask without its image',
  'no-room': 'No room left',
};

const REASON_ORDER: SkipReason[] = ['no-room', 'unreadable-folder', 'too-large', 'corrupt', 'unsupported', 'empty', 'unreadable', 'orphan-mask', 'duplicate'];

const n = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString()} ${count === 1 ? one : many}`;

export function summarise(report: IngestReport) {
  const tests = report.added.filter((a) => a.role === 'test');
  return {
    cases: report.added.length,
    references: report.added.length - tests.length,
    normal: tests.filter((a) => a.status === 'normal').length,
    anomalous: tests.filter((a) => a.status === 'anomalous').length,
    unlabelled: tests.filter((a) => a.status === 'unlabelled').length,
    classes: [...new Set(report.added.map((a) => a.className))].sort(),
    defectTypes: [...new Set(report.added.map((a) => a.defectType).filter(Boolean))].sort() as string[],
  };
}

/**
 * Like the shared ProgressBar, but it moves with a transform, which the compositor animates
 * without repainting: during a long ingest, repaints of a width transition were the main
 * thread's largest cost.
 */
function FastProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const frac = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div role="progressbar" aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-label={label} className="h-2 w-full overflow-hidden rounded-full bg-zinc-800">
      <div className="h-full w-full origin-left rounded-full bg-sky-500 transition-transform duration-200 will-change-transform" style={{ transform: `scaleX(${frac})` }} />
    </div>
  );
}

/** Progress while files go in; afterwards what was added and what was skipped, with reasons. */
export function IngestPanel() {
  const phase = useIngestState((s) => s.phase);
  const progress = useIngestState((s) => s.progress);
  const report = useIngestState((s) => s.report);
  const queued = useIngestState((s) => s.queued);
  const seconds = useIngestState((s) => s.lastSeconds);
  const cancel = useIngestState((s) => s.cancel);
  const dismiss = useIngestState((s) => s.dismiss);

  if (phase === 'idle') return null;
  return (
    <section
      aria-label="Adding files"
      data-testid="ingest-panel"
      className="fixed bottom-4 right-4 z-40 flex max-h-[70vh] w-[30rem] max-w-[calc(100vw-2rem)] flex-col rounded-lg border border-zinc-700 bg-zinc-900 shadow-xl shadow-black/40"
    >
      {phase !== 'done' || !report ? (
        <div className="space-y-3 p-4" data-testid="ingest-progress">
          <div className="flex items-baseline justify-between gap-3">
            <h2 className="text-sm font-semibold text-zinc-100">{phase === 'collecting' ? 'Reading folders…' : 'Adding files…'}</h2>
            <span className="text-xs tabular-nums text-zinc-400" data-testid="ingest-count">
              {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
            </span>
          </div>
          <FastProgressBar value={progress.done} max={progress.total} label="Files added" />
          <div className="flex items-center justify-between gap-3">
            <span className="min-w-0 truncate text-xs text-zinc-500" title={progress.current}>
              {progress.current ?? ' '}
              {queued > 0 && ` · ${n(queued, 'more drop')} waiting`}
            </span>
            <Button tone="ghost" className="shrink-0 !px-2 !py-1 text-xs" onClick={cancel}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <ReportView report={report} seconds={seconds} onClose={dismiss} />
      )}
    </section>
  );
}

function ReportView({ report, seconds, onClose }: { report: IngestReport; seconds?: number; onClose: () => void }) {
  const s = useMemo(() => summarise(report), [report]);
  const groups = useMemo(() => {
    const by = new Map<SkipReason, IngestReport['skipped']>();
    for (const item of report.skipped) by.set(item.reason, [...(by.get(item.reason) ?? []), item]);
    return REASON_ORDER.filter((r) => by.has(r)).map((r) => ({ reason: r, items: by.get(r)! }));
  }, [report]);
  const title = report.cancelled ? `Cancelled · ${n(s.cases, 'case')} added` : s.cases ? `Added ${n(s.cases, 'case')}` : 'Nothing new was added';

  return (
    <div className="flex min-h-0 flex-col" data-testid="ingest-report">
      <div className="flex items-start justify-between gap-3 border-b border-zinc-800 p-4 pb-3">
        <div className="min-w-0">
          <h2 className="text-sm font-semibold text-zinc-100" data-testid="ingest-report-title">
            {title}
          </h2>
          <p className="mt-0.5 truncate text-xs text-zinc-500" title={s.classes.join(', ')}>
            {s.classes.length ? `${n(s.classes.length, 'class', 'classes')}: ${s.classes.join(', ')}` : 'No new cases'}
            {seconds !== undefined && ` · ${seconds.toFixed(1)} s`}
          </p>
        </div>
        <Button tone="ghost" className="!px-2 !py-1 text-xs" onClick={onClose} aria-label="Close report">
          Close
        </Button>
      </div>
      <div className="min-h-0 space-y-3 overflow-y-auto p-4 pt-3">
        {(report.layouts ?? []).length > 0 && (
          <p className="text-xs text-zinc-400" data-testid="ingest-layouts">
            Layout: {report.layouts.map((l) => l.title).join(', ')}
          </p>
        )}
        {s.cases > 0 && (
          <div className="flex flex-wrap gap-1.5" data-testid="ingest-summary">
            {s.references > 0 && <Badge tone="info">{n(s.references, 'reference candidate')}</Badge>}
            {s.normal > 0 && <Badge tone="normal">{s.normal.toLocaleString()} normal</Badge>}
            {s.anomalous > 0 && <Badge tone="anomalous">{s.anomalous.toLocaleString()} anomalous</Badge>}
            {s.unlabelled > 0 && <Badge>{s.unlabelled.toLocaleString()} unlabelled</Badge>}
            {report.masksAttached > 0 && <Badge>{n(report.masksAttached, 'mask')} attached</Badge>}
            {(report.companionsAttached ?? 0) > 0 && <Badge>{n(report.companionsAttached, 'photo')} attached to scans</Badge>}
            {s.defectTypes.length > 0 && (
              <span className="text-xs text-zinc-500" title={s.defectTypes.join(', ')}>
                defects: {s.defectTypes.join(', ')}
              </span>
            )}
          </div>
        )}
        {s.cases === 0 && report.masksAttached > 0 && (
          <div className="flex gap-1.5" data-testid="ingest-summary">
            <Badge>{n(report.masksAttached, 'mask')} attached</Badge>
          </div>
        )}
        {groups.length > 0 && (
          <div data-testid="ingest-skipped">
            <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-zinc-400">Skipped {n(report.skipped.length, 'item')}</h3>
            <div className="space-y-1.5">
              {groups.map((g) => (
                <details key={g.reason} open={g.reason !== 'duplicate' || g.items.length <= 3} className="rounded-md border border-zinc-800 bg-zinc-950/40">
                  <summary className="cursor-pointer select-none px-2.5 py-1.5 text-xs font-medium text-zinc-200">
                    <Badge tone={g.reason === 'duplicate' ? 'neutral' : g.reason === 'no-room' ? 'error' : 'unsure'}>{g.items.length}</Badge>{' '}
                    {REASON_LABEL[g.reason]}
                  </summary>
                  <ul className="max-h-48 space-y-1 overflow-y-auto px-2.5 pb-2">
                    {g.items.map((item) => (
                      <li key={`${item.reason}:${item.path}`} data-reason={item.reason} data-path={item.path} className="text-xs leading-snug text-zinc-400">
                        {item.message}
                      </li>
                    ))}
                  </ul>
                </details>
              ))}
            </div>
          </div>
        )}
        {report.notes.length > 0 && (
          <ul className="space-y-1 text-xs text-zinc-500" data-testid="ingest-notes">
            {report.notes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
