import { useEffect, useState } from 'react';
import { useBatchApiRunCount, useStoppedRunIds } from '@/lib/runs/run-queries';
import { SingleRunPanel } from '@/features/runs/single-run-panel';
import { BatchPanel } from '@/features/runs/batch-panel';
import { useBatchStore } from '@/stores/batch-store';

const MODES = [
  { id: 'single', title: 'One case', hint: 'Run a prompt on one case and watch the reasoning stream in' },
  { id: 'batch', title: 'Batch', hint: 'Run a prompt version over many cases, with a queue, controls and ablations' },
] as const;

type Mode = (typeof MODES)[number]['id'];

const MODE_KEY = 'anomaly-workbench:runs-mode';

/** The Runs tab: one case at a time, or a batch over many. */
export function RunsView() {
  // Kept for the tab's lifetime, so a reload mid-batch comes back to the batch.
  const [mode, setModeState] = useState<Mode>(() => (sessionStorage.getItem(MODE_KEY) === 'batch' ? 'batch' : 'single'));
  const setMode = (m: Mode) => {
    setModeState(m);
    sessionStorage.setItem(MODE_KEY, m);
  };
  // A run left running or paused (e.g. by a reload) waits under Batch: open there and say so.
  const stopped = useStoppedRunIds();
  // Runs this tab is running are not waiting to be resumed.
  const active = useBatchStore((s) => s.active);
  const unfinished = stopped.filter((id) => !active[id] || active[id].progress.state === 'done' || active[id].progress.state === 'cancelled').length;
  // Batch API runs need no resuming, but their page is where they are followed.
  const atBatchApi = useBatchApiRunCount();
  useEffect(() => {
    if (unfinished + atBatchApi > 0 && !sessionStorage.getItem(MODE_KEY)) setModeState('batch');
  }, [unfinished, atBatchApi]);
  return (
    <div className="flex h-full flex-col">
      <div className="flex shrink-0 items-center gap-1 border-b border-zinc-800 bg-zinc-900/60 px-4 py-1.5" role="tablist" aria-label="Run mode">
        {MODES.map((m) => (
          <button
            key={m.id}
            type="button"
            role="tab"
            aria-selected={mode === m.id}
            title={m.hint}
            onClick={() => setMode(m.id)}
            className={`rounded px-3 py-1 text-sm ${mode === m.id ? 'bg-zinc-700 text-white' : 'text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100'}`}
          >
            {m.title}
            {m.id === 'batch' && unfinished > 0 && (
              <span className="ml-1.5 rounded bg-amber-900/70 px-1 text-[11px] text-amber-200" title="Runs that stopped before finishing can be resumed">
                {unfinished} to resume
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1">
        {mode === 'single' ? <SingleRunPanel /> : <div className="h-full overflow-y-auto p-4"><BatchPanel /></div>}
      </div>
    </div>
  );
}
