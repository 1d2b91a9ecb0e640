import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import type { SampleLoadSummary } from '@/lib/sample-loader';
import { useSampleLoad } from '@/stores/sample-load-store';

/**
 * One click from an empty project to a labelled sample project (no key, no network beyond this
 * app). The outcome is told in the app's notice area, which outlives this button.
 */
export function LoadSampleButton({ tone = 'primary', onLoaded }: { tone?: 'primary' | 'neutral'; onLoaded?: (s: SampleLoadSummary) => void }) {
  const { busy, done, total, summary, start } = useSampleLoad();
  const started = useRef(false);
  useEffect(() => {
    if (started.current && !busy && summary) {
      started.current = false;
      onLoaded?.(summary);
    }
  }, [busy, summary, onLoaded]);
  return (
    <div className="flex flex-col items-center gap-2">
      <Button
        tone={tone}
        onClick={() => {
          started.current = true;
          void start();
        }}
        disabled={busy}
      >
        {busy ? `Loading sample… ${done}/${total || '…'}` : 'Load sample project'}
      </Button>
    </div>
  );
}
