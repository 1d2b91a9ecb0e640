import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';
import { formatUsd } from '@/components/format';
import type { SuggestionBatch } from '@/lib/knowledge/store';

/** Where a batch of suggestions came from: model, the images it saw, when, and what it cost. */
export function SuggestionSource({ batch }: { batch: SuggestionBatch }) {
  const tests = batch.images.filter((i) => i.role === 'test').length;
  return (
    <div className="text-[11px] text-zinc-500" data-testid="suggestion-source">
      {batch.purpose === 'draft' ? 'Drafted' : 'Suggested from a miss'} by <span className="font-mono text-zinc-300">{batch.model}</span> from {batch.images.length} image{batch.images.length === 1 ? '' : 's'} ({batch.images.map((i) => i.name).join(', ')}) · {new Date(batch.at).toLocaleString()}
      {batch.costUsd !== undefined && ` · ${formatUsd(batch.costUsd)}`}
      {tests > 0 && <span className="text-amber-300"> · {tests} test case{tests === 1 ? '' : 's'} now marked possibly leaked</span>}
    </div>
  );
}

/** Suggestions of one batch: accept (after editing), or drop, one by one. Model text is shown as plain text. */
export function SuggestionList({ batch, onAccept, onDrop }: { batch: SuggestionBatch; onAccept: (index: number, text: string) => void; onDrop: (index: number) => void }) {
  const [edits, setEdits] = useState<Record<number, string>>({});
  const dropped = batch.suggestions.filter((s) => s.state === 'dropped').length;
  return (
    <div className="rounded-md border border-violet-900/60 bg-violet-950/10 p-2.5" data-testid="suggestion-batch">
      <SuggestionSource batch={batch} />
      <ol className="mt-1.5 flex flex-col gap-1.5" aria-label="Suggested rules">
        {batch.suggestions.map((s, i) =>
          s.state === 'dropped' ? null : (
            <li key={i} className="flex flex-col gap-1 rounded border border-zinc-800 bg-zinc-950/60 px-2 py-1.5" data-testid="suggestion" data-state={s.state}>
              <div className="flex items-center gap-2">
                <Badge tone={s.kind === 'tolerated' ? 'unsure' : 'info'}>{s.kind === 'tolerated' ? 'tolerated' : 'rule'}</Badge>
                {s.state === 'accepted' ? (
                  <span className="min-w-0 flex-1 text-sm text-zinc-300">
                    {s.text} <span className="text-xs text-emerald-300">accepted as {s.ruleId}</span>
                  </span>
                ) : (
                  <>
                    <TextInput aria-label={`Suggested rule ${i + 1}`} className="min-w-0 flex-1 py-1 text-sm" value={edits[i] ?? s.text} onChange={(e) => setEdits({ ...edits, [i]: e.target.value })} />
                    <Button tone="primary" className="px-2 py-1 text-xs" disabled={!(edits[i] ?? s.text).trim()} onClick={() => onAccept(i, (edits[i] ?? s.text).trim())}>
                      Accept
                    </Button>
                    <Button tone="ghost" className="px-2 py-1 text-xs" onClick={() => onDrop(i)}>
                      Drop
                    </Button>
                  </>
                )}
              </div>
              {s.why && <p className="text-[11px] text-zinc-500">why: {s.why}</p>}
            </li>
          ),
        )}
      </ol>
      {dropped > 0 && <p className="mt-1 text-[11px] text-zinc-600">{dropped} dropped</p>}
    </div>
  );
}
