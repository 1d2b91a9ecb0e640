import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Result } from '@/core/model';
import { readPromptBody } from '@/core/prompt/prompt-body';
import { fitNote } from '@/core/prompt/prompt-classes';
import { providerPreset } from '@/core/vlm/providers';
import { useAllCases } from '@/lib/dataset/case-queries';
import { useCaseResults, useRunsById } from '@/lib/runs/run-queries';
import { runCase, saveSingleRun, singleRunRecord } from '@/lib/runs/run-case';
import { useProviderStore } from '@/stores/provider-store';
import { useUiStore } from '@/stores/ui-store';
import { usePromptChoice } from '@/features/runs/use-prompt-choice';

/** One answer being asked for: the streamed reasoning, the result, a cancel or a retry notice. */
function useAsking() {
  const [running, setRunning] = useState(false);
  const [stream, setStream] = useState('');
  const [result, setResult] = useState<Result>();
  const [cancelled, setCancelled] = useState(false);
  const [retry, setRetry] = useState<string>();
  const ctl = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => ctl.current?.abort(), []);
  const clear = useCallback(() => {
    setResult(undefined);
    setStream('');
    setCancelled(false);
  }, []);
  /** A new question: clears the last answer and returns the signal that cancels this one. */
  const begin = (): AbortSignal => {
    const c = new AbortController();
    ctl.current = c;
    setRunning(true);
    clear();
    setRetry(undefined);
    return c.signal;
  };
  const end = () => {
    setRunning(false);
    setRetry(undefined);
    ctl.current = undefined;
  };
  return { running, stream, setStream, result, setResult, cancelled, setCancelled, retry, setRetry, clear, begin, end, cancel: () => ctl.current?.abort() };
}

/** The One case session: which case and prompt version, the answer streaming in, and the case's earlier answers. */
export function useSingleRunSession() {
  const cases = useAllCases();
  const focused = useUiStore((s) => s.focusedCaseId);
  const config = useProviderStore((s) => s.config);
  const apiKey = useProviderStore((s) => s.apiKey);
  const prices = useProviderStore((s) => s.prices);

  const testCases = useMemo(() => (cases ?? []).filter((c) => c.role === 'test'), [cases]);
  const caseId = testCases.some((c) => c.id === focused) ? focused : testCases[0]?.id;
  const theCase = testCases.find((c) => c.id === caseId);
  // The prompt follows the case's class until the user picks one for this case.
  const pick = usePromptChoice(theCase?.className);
  const { version, pickPrompt } = pick;
  const ask = useAsking();
  const { clear } = ask;
  useEffect(() => pickPrompt(undefined), [caseId, pickPrompt]);
  // A new case or version clears the shown answer.
  const versionId = version?.id;
  useEffect(() => clear(), [caseId, versionId, clear]);

  const history = useCaseResults(caseId);
  // Which run (model, prompt version) gave each earlier answer.
  const historyRuns = useRunsById(useMemo(() => [...new Set((history ?? []).slice(0, 8).map((h) => h.runId))], [history]));

  const preset = providerPreset(config.presetId);
  const missingKey = preset.needsKey && !apiKey;
  const body = version ? readPromptBody(version.body) : undefined;
  const mismatch = body && theCase ? fitNote(body, theCase.className) : undefined;

  const run = async () => {
    if (!theCase || !version) return;
    const signal = ask.begin();
    const runRecord = await singleRunRecord({ caseId: theCase.id, caseName: theCase.name, promptVersionId: version.id, provider: config });
    const res = await runCase({ caseId: theCase.id, promptVersionId: version.id, provider: config, apiKey, runId: runRecord.id, signal, onReasoningDelta: ask.setStream, onRetry: (r) => ask.setRetry(`${r.message} Trying again in ${Math.ceil(r.waitS)} s (attempt ${r.attempt} of ${r.maxAttempts}).`), options: { prices } });
    ask.end();
    if (res.error?.kind === 'cancelled') {
      ask.setCancelled(true);
      return;
    }
    await saveSingleRun(runRecord, res);
    ask.setResult(res);
  };

  return { cases, testCases, caseId, theCase, ...pick, ...ask, history, historyRuns, config, preset, missingKey, body, mismatch, run };
}

export type SingleRunSession = ReturnType<typeof useSingleRunSession>;
