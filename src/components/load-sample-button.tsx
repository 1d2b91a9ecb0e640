import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { loadSampleProject, type SampleLoadSummary } from '@/lib/sample-loader';

/** One click from an empty project to a labelled sample project (no key, no network beyond this app). */
export function LoadSampleButton({ tone = 'primary', onLoaded }: { tone?: 'primary' | 'neutral'; onLoaded?: (s: SampleLoadSummary) => void }) {
  const [state, setState] = useState<{ busy: boolean; done?: number; total?: number; error?: string; summary?: SampleLoadSummary }>({ busy: false });
  const load = async () => {
    setState({ busy: true });
    try {
      const summary = await loadSampleProject({ onProgress: (done, total) => setState((s) => ({ ...s, done, total })) });
      setState({ busy: false, summary });
      onLoaded?.(summary);
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : 'The sample project could not be loaded.' });
    }
  };
  return (
    <div className="flex flex-col items-center gap-2">
      <Button tone={tone} onClick={load} disabled={state.busy}>
        {state.busy ? `Loading sample… ${state.done ?? 0}/${state.total ?? '…'}` : 'Load sample project'}
      </Button>
      {state.summary && (
        <p className="text-xs text-zinc-400" role="status">
          Sample loaded: {state.summary.added} files added{state.summary.skipped ? `, ${state.summary.skipped} already present` : ''}, {state.summary.prompts} prompts.
          {state.summary.notMade.length > 0 && ` This browser cannot encode video, so ${state.summary.notMade.length} sample videos were left out.`}
        </p>
      )}
      {state.error && (
        <p className="max-w-md text-xs text-rose-300" role="alert">
          {state.error}
        </p>
      )}
    </div>
  );
}
