import { useState } from 'react';
import { SingleRunPanel } from '@/features/inspection/single-run-panel';
import { BatchPanel } from '@/features/inspection/batch-panel';

const MODES = [
  { id: 'single', title: 'One case', hint: 'Run a prompt on one case and watch the reasoning stream in' },
  { id: 'batch', title: 'Batch', hint: 'Run a prompt version over many cases, with a queue, controls and ablations' },
] as const;

type Mode = (typeof MODES)[number]['id'];

/** The Runs tab: one case at a time, or a batch over many. */
export function InspectionView() {
  const [mode, setMode] = useState<Mode>('single');
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
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1">
        {mode === 'single' ? <SingleRunPanel /> : <div className="h-full overflow-y-auto p-4"><BatchPanel /></div>}
      </div>
    </div>
  );
}
