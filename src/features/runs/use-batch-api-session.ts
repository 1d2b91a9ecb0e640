import { useEffect, useState } from 'react';
import type { Run } from '@/core/model';
import { BATCH_TARGETS, needsAttention, pollDelayS } from '@/core/runs/batch-api';
import { providerPreset } from '@/core/vlm/providers';
import { cancelBatchApiRun, checkBatchApiRun, resubmitUnanswered } from '@/lib/runs/batch-api-run';
import { useProviderStore } from '@/stores/provider-store';

/**
 * Keeps looking at a run's Batch API batches while it is on screen: right away, then backing off
 * (a batch takes minutes to hours). The key is used only while Settings point at the run's own
 * endpoint; otherwise the hook says what to do instead of sending it elsewhere.
 */
export function useBatchApiSession(run: Run) {
  const config = useProviderStore((s) => s.config);
  const apiKey = useProviderStore((s) => s.apiKey);
  const prices = useProviderStore((s) => s.prices);
  const [lookNo, setLookNo] = useState(0);
  const [checking, setChecking] = useState(false);
  const [nextAt, setNextAt] = useState<number>();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const pending = run.batchJobs?.some(needsAttention) ?? false;
  const minPollS = BATCH_TARGETS[run.provider?.presetId ?? '']?.minPollS ?? 0;
  const base = run.provider?.baseURL ?? '';
  const sameEndpoint = config.baseURL.replace(/\/+$/, '') === base.replace(/\/+$/, '');
  const blocked = !pending
    ? undefined
    : !sameEndpoint
      ? `Settings now point at ${config.baseURL}; switch back to ${base} to keep checking this batch (the key is sent only to its own endpoint).`
      : providerPreset(config.presetId).needsKey && !apiKey
        ? 'Enter the API key in Settings to keep checking this batch (the key is kept in memory only unless you chose to remember it, so a reload forgets it).'
        : undefined;

  useEffect(() => {
    if (!pending || blocked) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const conn = { config: { ...config, baseURL: base }, apiKey };
    const look = async () => {
      setChecking(true);
      setNextAt(undefined);
      let retryAfterS: number | undefined;
      try {
        const r = await checkBatchApiRun(run.id, conn, prices);
        if (r.imported.length) setMessage(r.imported.join(' '));
        setError(undefined);
        retryAfterS = r.retryAfterS;
        if (!r.pending) return;
      } catch (e) {
        setError(e instanceof Error ? e.message : 'The batch could not be checked.');
      } finally {
        setChecking(false);
      }
      if (stopped) return;
      const waitS = pollDelayS(attempt++, retryAfterS, minPollS);
      setNextAt(Date.now() + waitS * 1000);
      timer = setTimeout(() => void look(), waitS * 1000);
    };
    void look();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [run.id, pending, blocked, base, config, apiKey, prices, lookNo, minPollS]);

  const cancel = async () => {
    try {
      await cancelBatchApiRun(run.id, { config: { ...config, baseURL: base }, apiKey });
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The batch could not be cancelled.');
    }
    setLookNo((n) => n + 1);
  };

  const resend = async () => {
    if (!sameEndpoint) return setError(`Settings now point at ${config.baseURL}; switch back to ${base} to send these cases to the same provider again.`);
    if (providerPreset(config.presetId).needsKey && !apiKey) return setError('Enter the API key in Settings first.');
    try {
      const out = await resubmitUnanswered(run.id, { provider: config, apiKey, prices });
      setError(undefined);
      setMessage(`Sent ${out.run.caseIds.length} case${out.run.caseIds.length === 1 ? '' : 's'} again as the run "${out.run.name}".`);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The cases could not be sent again.');
    }
  };

  return { pending, blocked, checking, nextAt, message, error, checkNow: () => setLookNo((n) => n + 1), cancel, resend };
}
