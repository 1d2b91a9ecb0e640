import { ProgressBar } from '@/components/ui/progress-bar';
import { sampleSummaryText, useSampleLoad } from '@/stores/sample-load-store';

/** In the header: the sample's loading progress, then its result until dismissed. */
export function SampleLoadNotice() {
  const { busy, done, total, summary, error, dismiss } = useSampleLoad();
  if (busy)
    return (
      <div className="flex items-center gap-2 text-xs text-zinc-300" aria-live="polite" data-testid="sample-load-progress">
        <span className="whitespace-nowrap">Loading sample {done ?? 0}/{total ?? '…'}</span>
        <div className="w-20"><ProgressBar value={done ?? 0} max={total ?? 1} label="Sample loading progress" /></div>
      </div>
    );
  if (!summary && !error) return null;
  return (
    <div className={`flex max-w-[22rem] items-center gap-2 rounded px-2 py-0.5 text-xs ${error ? 'bg-rose-950/70 text-rose-200' : 'bg-emerald-950/60 text-emerald-200'}`} aria-live="polite" data-testid="sample-load-result">
      <span className="line-clamp-2" title={error ?? (summary ? sampleSummaryText(summary) : '')}>{error ?? (summary ? sampleSummaryText(summary) : '')}</span>
      <button type="button" onClick={dismiss} className="shrink-0 text-zinc-400 hover:text-zinc-100" aria-label="Dismiss">✕</button>
    </div>
  );
}
