import { useState } from 'react';
import { providerPreset } from '@/core/vlm/providers';
import { batchTargetFor, submitBatchApiRun } from '@/lib/runs/batch-api-run';
import { useProviderStore } from '@/stores/provider-store';
import { Button } from '@/components/ui/button';

const usd = (v: number) => (v < 0.01 && v > 0 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`);
const field = 'rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 text-xs text-zinc-100';

/**
 * Sends the chosen cases to the provider's Batch API with the user's key: one request per case,
 * split over several batches when one would exceed the provider's limits (or the cap set here).
 */
export function BatchApiSubmit({ versionId, caseIds, name, disabled }: { versionId?: string; caseIds: string[]; name: string; disabled: boolean }) {
  const config = useProviderStore((s) => s.config);
  const apiKey = useProviderStore((s) => s.apiKey);
  const prices = useProviderStore((s) => s.prices);
  const [cap, setCap] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<string>();
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<string>();
  const found = batchTargetFor(config.presetId);
  const needsKey = providerPreset(config.presetId).needsKey;

  const submit = async () => {
    if (!versionId) return;
    if (needsKey && !apiKey) return setError('Enter the API key in Settings first; the Batch API is called with your key, from this browser.');
    setBusy(true);
    setError(undefined);
    setNote(undefined);
    try {
      const out = await submitBatchApiRun({ promptVersionId: versionId, provider: config, apiKey, caseIds, name, maxRequestsPerBatch: cap, onStep: setStep, prices });
      const n = out.run.caseIds.length;
      const cost = out.maxCostUsd ? ` At most ${usd(out.maxCostUsd.batch)} at the batch price (${usd(out.maxCostUsd.live)} live), if every answer used its whole output budget.` : '';
      setNote(`Sent ${n} request${n === 1 ? '' : 's'} in ${out.parts} batch${out.parts === 1 ? '' : 'es'}; the run below follows them and imports the answers when they are ready (you may close the tab and come back).${cost}${out.skipped.length ? ` Skipped: ${out.skipped.join(' ')}` : ''}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The batch could not be submitted.');
    } finally {
      setBusy(false);
      setStep(undefined);
    }
  };

  return (
    <div className="space-y-1.5 rounded-md border border-zinc-800 bg-zinc-950/40 p-2 text-xs text-zinc-300" data-testid="batch-api-submit">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-zinc-100">Batch API</span>
        {'target' in found ? (
          <>
            <label className="flex items-center gap-1.5" title={`The provider takes up to ${found.target.maxRequests.toLocaleString()} requests and ${Math.round(found.target.maxBytes / 1048576)} MB per batch; larger sets are split automatically.`}>
              Requests per batch
              <input type="number" min={1} max={found.target.maxRequests} value={cap ?? ''} placeholder={`≤ ${found.target.maxRequests.toLocaleString()}`} onChange={(e) => setCap(+e.target.value > 0 ? Math.floor(+e.target.value) : undefined)} className={`${field} w-24`} aria-label="Requests per batch" />
            </label>
            <Button tone="primary" className="px-2.5 py-1 text-xs" disabled={disabled || busy || !versionId || !caseIds.length} onClick={() => void submit()}>
              Submit {caseIds.length} request{caseIds.length === 1 ? '' : 's'} to the Batch API
            </Button>
            <span className="text-zinc-500">{found.target.note}</span>
          </>
        ) : (
          <span className="text-zinc-400" data-testid="batch-api-unsupported">{found.reason}</span>
        )}
      </div>
      {step && <p role="status" className="text-sky-200">{step}</p>}
      {note && <p role="status" className="text-sky-100">{note}</p>}
      {error && <p role="alert" className="rounded bg-rose-950/70 p-1.5 text-rose-200">{error}</p>}
    </div>
  );
}
