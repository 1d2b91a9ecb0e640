import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { LeakNote } from '@/components/knowledge/leak-note';
import { KnowledgeRequestSummary } from '@/components/knowledge/knowledge-request-summary';
import { SuggestionList } from '@/components/knowledge/suggestion-list';
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import type { Result } from '@/core/model';
import { isAblationVersion } from '@/core/runs/ablation';
import { nextRuleId, readPromptBody } from '@/core/prompt/prompt-body';
import { formatUsd } from '@/components/format';
import { useRunVersion } from '@/lib/runs/ab-test';
import { prepareSuggestRule } from '@/lib/knowledge/calls';
import { useKnowledgeRequest } from '@/components/knowledge/use-knowledge-request';
import { addBatch, type SuggestionBatch } from '@/lib/knowledge/store';
import { saveVersion } from '@/lib/prompt/prompt-store';
import { AbPanel } from '@/features/review/ab-panel';

/**
 * "Suggest a rule" on a disagreement: the model sees the case, its references, the current rules
 * and the label, and proposes one rule (a tolerated variation for an overkill). Accepting makes a
 * new prompt version and offers the A/B of old vs new on the class's labelled cases.
 */
export function MissToRule({ caseId, runId, outcome, answers, hidden }: { caseId: string | undefined; runId: string | undefined; outcome: CaseOutcome | undefined; answers: Result[] | undefined; hidden: boolean }) {
  const rv = useRunVersion(runId);
  const [open, setOpen] = useState(false);
  const [batch, setBatch] = useState<SuggestionBatch>();
  const [ab, setAb] = useState<{ versionA: string; versionB: string; className: string }>();
  const [error, setError] = useState<string>();
  const [forCase, setForCase] = useState(caseId);
  // Another case is focused: start over.
  if (forCase !== caseId) {
    setForCase(caseId);
    setOpen(false);
    setBatch(undefined);
    setAb(undefined);
    setError(undefined);
  }
  const version = rv?.version;
  const shown = answers?.find((r) => r.status === 'ok');
  const disagreement = !!outcome && outcome.outcome === 'ok' && (outcome.truth === 'normal' || outcome.truth === 'anomalous') && outcome.verdict !== outcome.truth;

  const { prepared, cost, send: ask } = useKnowledgeRequest({
    key: ['suggest-rule', caseId, version?.id],
    enabled: open && !!version && !!caseId,
    prepare: (provider) => {
      const body = readPromptBody(version!.body);
      const refs = shown?.references?.map((r) => r.caseId) ?? body.references[outcome!.className] ?? [];
      return prepareSuggestRule({ body, caseId: caseId!, references: refs, modelReasoning: shown?.reasoning, provider });
    },
    purpose: 'miss',
    leakNote: (model) => `Its image was sent to ${model} to suggest a rule from its own disagreement.`,
    declined: 'The model declined',
    onBatch: setBatch,
  });

  const accept = async (text: string) => {
    if (!version || !batch || !outcome) return;
    setError(undefined);
    try {
      const body = readPromptBody(version.body);
      const s = batch.suggestions[0];
      const id = nextRuleId(body.rules);
      const kind = outcome.truth === 'anomalous' ? 'miss' : 'overkill';
      const saved = await saveVersion(version.promptId, { ...body, rules: [...body.rules, { id, text, kind: s.kind, enabled: true, scope: outcome.className }] }, `${id} suggested from ${kind === 'miss' ? 'a miss' : 'an overkill'}`);
      const decided: SuggestionBatch = { ...batch, suggestions: [{ ...s, text, state: 'accepted', ruleId: id }] };
      await addBatch(version.promptId, decided);
      setBatch(decided);
      setAb({ versionA: version.id, versionB: saved.version.id, className: outcome.className });
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The new prompt version could not be saved.');
    }
  };

  // Once the A/B exists it stays in view, even when Review switches to one of its runs.
  if (ab) return <div className="mt-2 space-y-2" data-testid="miss-to-rule"><p className="text-xs text-emerald-300" role="status">Saved as a new prompt version with {batch?.suggestions[0].ruleId}.</p><AbPanel {...ab} /></div>;
  const leak = <LeakNote caseId={caseId} resultAt={shown?.createdAt} />;
  if (hidden || !disagreement || !outcome || !version || isAblationVersion(version)) return leak;
  return (
    <div className="mt-2 space-y-2" data-testid="miss-to-rule">
      {leak}
      {!open && (
        <Button className="px-2 py-1 text-xs" onClick={() => setOpen(true)} title="Ask the model for one rule that would have got this case right; it is priced before it is sent.">
          Suggest a rule ({outcome.truth === 'anomalous' ? 'missed defect' : 'overkill'})
        </Button>
      )}
      {open && prepared.isError && <p role="alert" className="text-xs text-rose-300">{prepared.error instanceof Error ? prepared.error.message : 'The request could not be prepared.'}</p>}
      {open && prepared.data && !batch && (
        <>
          <KnowledgeRequestSummary prepared={prepared.data} cost={cost} />
          <Button tone="primary" className="px-2 py-1 text-xs" disabled={ask.isPending} onClick={() => ask.mutate()}>
            {ask.isPending ? 'Asking…' : `Ask for a rule (${cost === undefined ? 'no price for this model' : `≤ ${formatUsd(cost)}`})`}
          </Button>
        </>
      )}
      {ask.isError && <p role="alert" className="text-xs text-rose-300">{ask.error instanceof Error ? ask.error.message : 'The suggestion failed.'}</p>}
      {batch && <SuggestionList batch={batch} onAccept={(_i, text) => void accept(text)} onDrop={() => setBatch(undefined)} />}
      {error && <p role="alert" className="text-xs text-rose-300">{error}</p>}
    </div>
  );
}
