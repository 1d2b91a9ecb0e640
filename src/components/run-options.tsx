import { useEffect, useState } from 'react';
import type { Run } from '@/core/model';
import { defaultRun, listedRuns, runLabel } from '@/core/runs/run-label';
import { useUiStore } from '@/stores/ui-store';

/** `<option>`s of a run picker: batch runs first, one-case runs apart in their own group. */
export function RunOptions({ runs }: { runs: readonly Run[] }) {
  const { batch, oneCase } = listedRuns(runs);
  return (
    <>
      {batch.map((r) => <option key={r.id} value={r.id}>{runLabel(r)}</option>)}
      {oneCase.length > 0 && (
        <optgroup label="One-case runs">
          {oneCase.map((r) => <option key={r.id} value={r.id}>{runLabel(r)}</option>)}
        </optgroup>
      )}
    </>
  );
}

/**
 * The run a view shows: the user's pick, else the run another view asked for (a batch row's
 * Review/Metrics link), else the newest batch run — never a one-case run while batch runs exist.
 */
export function useRunChoice(runs: readonly Run[] | undefined): [string | undefined, (id: string | undefined) => void] {
  // Only a link to this view counts (a Review link does not choose the run Share shows).
  const view = useUiStore((s) => s.view);
  const anyFocus = useUiStore((s) => s.runFocus);
  const focus = anyFocus?.view === view ? anyFocus : undefined;
  const [picked, setPicked] = useState<string | undefined>(focus?.runId);
  useEffect(() => {
    if (focus) setPicked(focus.runId);
  }, [focus]);
  const valid = picked && runs?.some((r) => r.id === picked) ? picked : undefined;
  return [valid ?? (runs ? defaultRun(runs)?.id : undefined), setPicked];
}
