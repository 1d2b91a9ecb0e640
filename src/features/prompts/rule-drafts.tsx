import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Select, TextInput } from '@/components/ui/field';
import { formatUsd } from '@/components/format';
import type { PromptBody, PromptRule } from '@/core/prompt/prompt-body';
import { MAX_DRAFT_DEFECTS, prepareDraftRules } from '@/lib/knowledge/calls';
import { useKnowledgeRequest } from '@/components/knowledge/use-knowledge-request';
import { addBatch, setSuggestionState, useSuggestionBatches } from '@/lib/knowledge/store';
import { KnowledgeRequestSummary } from '@/components/knowledge/knowledge-request-summary';
import { SuggestionList } from '@/components/knowledge/suggestion-list';

/**
 * "Draft rules with the model": ask the configured model for rules of one class, previewed and
 * priced first; the suggestions stay beside the rules until accepted (into the unsaved draft,
 * so they enter a version only when the engineer saves) or dropped.
 */
export function RuleDrafts({ promptId, body, classes, onAccept }: { promptId: string; body: PromptBody; classes: string[]; onAccept: (rule: Omit<PromptRule, 'id'>) => string }) {
  const [klass, setKlass] = useState('');
  const [defects, setDefects] = useState(0);
  const [open, setOpen] = useState(false);
  const className = klass || classes[0] || '';
  const batches = useSuggestionBatches(promptId);

  const { prepared, cost, send } = useKnowledgeRequest({
    key: ['draft-rules', promptId, className, defects, JSON.stringify(body)],
    enabled: open && !!className,
    prepare: (provider) => prepareDraftRules({ body, className, defects, provider }),
    purpose: 'draft',
    leakNote: (model, p) => `Its image was sent to ${model} to draft rules for "${p.className}".`,
    declined: 'The model declined to draft rules',
    onBatch: (batch) => addBatch(promptId, batch),
  });

  const shown = (batches ?? []).filter((b) => b.suggestions.some((s) => s.state === 'open'));
  return (
    <div className="mt-3 flex flex-col gap-2 border-t border-zinc-800 pt-3" data-testid="rule-drafts">
      <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-300">
        <span className="font-medium text-violet-200">Draft rules with the model</span>
        <Select aria-label="Class to draft rules for" className="w-auto py-1 text-xs" value={className} onChange={(e) => setKlass(e.target.value)}>
          {classes.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </Select>
        <label className="flex items-center gap-1" title="Labelled defective test cases shown to the model as well; they are then marked possibly leaked.">
          + defective cases
          <TextInput aria-label="Defective cases to include" type="number" min={0} max={MAX_DRAFT_DEFECTS} className="w-14 py-1 text-xs" value={defects} onChange={(e) => setDefects(Math.min(MAX_DRAFT_DEFECTS, Math.max(0, Math.round(Number(e.target.value)) || 0)))} />
        </label>
        {!open && (
          <Button className="px-2 py-1 text-xs" disabled={!className} onClick={() => setOpen(true)}>
            Preview draft request
          </Button>
        )}
      </div>
      {open && prepared.isError && <p role="alert" className="rounded bg-rose-950/60 p-2 text-xs text-rose-200">{prepared.error instanceof Error ? prepared.error.message : 'The draft request could not be prepared.'}</p>}
      {open && prepared.isFetching && !prepared.data && <p className="text-xs text-zinc-500">Encoding images…</p>}
      {open && prepared.data && (
        <>
          <KnowledgeRequestSummary prepared={prepared.data} cost={cost} />
          <div className="flex gap-2">
            <Button tone="primary" className="px-2 py-1 text-xs" disabled={send.isPending} onClick={() => send.mutate()}>
              {send.isPending ? 'Drafting…' : `Draft rules (${cost === undefined ? 'no price for this model' : `≤ ${formatUsd(cost)}`})`}
            </Button>
            <Button tone="ghost" className="px-2 py-1 text-xs" onClick={() => setOpen(false)}>
              Close
            </Button>
          </div>
        </>
      )}
      {send.isError && <p role="alert" className="rounded bg-rose-950/60 p-2 text-xs text-rose-200">{send.error instanceof Error ? send.error.message : 'Drafting failed.'}</p>}
      {shown.map((b) => (
        <SuggestionList
          key={b.id}
          batch={b}
          onAccept={(i, text) => {
            const id = onAccept({ text, kind: b.suggestions[i].kind, enabled: true, scope: b.className });
            void setSuggestionState(promptId, b.id, i, 'accepted', id);
          }}
          onDrop={(i) => void setSuggestionState(promptId, b.id, i, 'dropped')}
        />
      ))}
      {shown.length > 0 && <p className="text-[11px] text-zinc-500">Accepted suggestions join the rules above as unsaved changes; save a version to use them.</p>}
    </div>
  );
}
