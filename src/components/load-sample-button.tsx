import { Button } from '@/components/ui/button';
import type { SampleLoadSummary } from '@/lib/sample/loader';
import { useSampleLoad } from '@/stores/sample-load-store';

/**
 * One click from an empty project to a labelled sample project (no key, no network beyond this
 * app). Progress and the outcome show in the header, which outlives this button.
 */
export function LoadSampleButton({ tone = 'primary', onLoaded }: { tone?: 'primary' | 'neutral'; onLoaded?: (s: SampleLoadSummary) => void }) {
  const { busy, done, total, load } = useSampleLoad();
  return (
    <div className="flex flex-col items-center gap-2">
      <Button tone={tone} onClick={() => void load().then((s) => s && onLoaded?.(s))} disabled={busy}>
        {busy ? `Loading sample… ${done ?? 0}/${total ?? '…'}` : 'Load sample project'}
      </Button>
    </div>
  );
}
