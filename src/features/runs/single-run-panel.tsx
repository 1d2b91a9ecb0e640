import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/field';
import { CaseThumb } from '@/components/case-thumb';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadSampleButton } from '@/components/load-sample-button';
import { formatTokens, formatUsd } from '@/components/format';
import type { LabelStatus, Result } from '@/core/model';
import { ModelThinking } from '@/components/model-thinking';
import { rulesFor, type PromptRule } from '@/core/prompt/prompt-body';
import { runLabel } from '@/core/runs/run-label';
import { useUiStore } from '@/stores/ui-store';
import { useSingleRunSession, type SingleRunSession } from '@/features/runs/use-single-run-session';

const STATUS_TEXT: Record<Result['status'], string> = { ok: '', unparsed: 'Unparsed answer', refused: 'Refused', error: 'Failed' };

/** Run one case with one prompt version: reasoning streams in, then the verdict. */
export function SingleRunPanel() {
  const s = useSingleRunSession();
  const setView = useUiStore((st) => st.setView);
  const { testCases, prompts, theCase, result, choice } = s;
  if (!s.cases || !prompts) return null;
  if (testCases.length === 0 || prompts.length === 0)
    return (
      <EmptyState
        title={testCases.length === 0 ? 'No test cases yet' : 'No prompt yet'}
        actions={
          testCases.length === 0 ? (
            <>
              <Button onClick={() => setView('library')}>Open Library</Button>
              <LoadSampleButton />
            </>
          ) : (
            <Button tone="primary" onClick={() => setView('prompts')}>Open Prompts</Button>
          )
        }
      >
        {testCases.length === 0 ? 'Runs ask a model about test cases: add images, point clouds or videos in the Library, or load the sample project to try it without your own data.' : 'A run sends one prompt version: start one from a template in Prompts.'}
      </EmptyState>
    );

  return (
    <div className="flex h-full min-h-0 flex-col">
      <RunBar s={s} />
      {(s.mismatch || choice?.fit === 'none') && theCase && (
        <p role="status" data-testid="prompt-fit" className="border-b border-amber-900 bg-amber-950/40 px-5 py-1.5 text-xs text-amber-200">
          {choice?.fit === 'none' ? `No prompt is written for ${theCase.className} yet. ` : ''}
          {s.mismatch}
        </p>
      )}
      <div className="grid min-h-0 flex-1 grid-cols-[minmax(12rem,22rem)_minmax(0,1fr)] gap-0">
        <div className="flex min-h-0 flex-col gap-4 overflow-auto border-r border-zinc-800 p-4">
          {theCase && (
            <div>
              <CaseThumb c={theCase} className="aspect-square w-full rounded-md ring-1 ring-zinc-800" />
              <div className="mt-1.5 truncate text-xs text-zinc-400" title={theCase.name}>
                {theCase.className} · {theCase.name}
              </div>
            </div>
          )}
          {s.body && theCase && <RuleList rules={[...rulesFor(s.body, theCase.className, 'rule'), ...rulesFor(s.body, theCase.className, 'tolerated')]} violated={result?.violatedRules ?? []} />}
        </div>
        <div className="flex min-h-0 flex-col gap-4 overflow-auto p-5">
          <AnswerPane s={s} />
          <EarlierResults s={s} />
        </div>
      </div>
    </div>
  );
}

/** Case, prompt and version pickers with Run or Cancel. */
function RunBar({ s }: { s: SingleRunSession }) {
  const focusCase = useUiStore((st) => st.focusCase);
  const { running, version, prompt, config } = s;
  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-zinc-800 bg-zinc-900/50 px-5 py-3">
      <Picker label="Case">
        <Select aria-label="Case" className="w-72" disabled={running} value={s.caseId} onChange={(e) => focusCase(e.target.value)}>
          {s.testCases.map((c) => (
            <option key={c.id} value={c.id}>
              {c.className} · {c.name}
            </option>
          ))}
        </Select>
      </Picker>
      <Picker label="Prompt">
        <Select aria-label="Prompt" className="w-60" disabled={running} value={prompt?.id} onChange={(e) => s.pickPrompt(e.target.value)}>
          {(s.prompts ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Picker>
      <Picker label="Version">
        <Select aria-label="Version" className="w-40" disabled={running} value={version?.id} onChange={(e) => s.pickVersion(e.target.value)}>
          {s.versions?.map((v) => (
            <option key={v.id} value={v.id}>
              v{v.version} · {v.hash.slice(0, 8)}
            </option>
          ))}
        </Select>
      </Picker>
      <div className="ml-auto flex items-center gap-3">
        <span className="text-xs text-zinc-500" title={config.baseURL}>
          {config.model || 'no model'} · {s.preset.title}
        </span>
        {s.missingKey && <span className="text-xs text-amber-300">Set an API key in Settings first.</span>}
        {running ? (
          <Button tone="danger" onClick={s.cancel}>
            Cancel
          </Button>
        ) : (
          <Button tone="primary" onClick={() => void s.run()} disabled={!version || s.missingKey}>
            Run
          </Button>
        )}
      </div>
    </div>
  );
}

/** The verdict, how it compares with the label, and the reasoning as it streams in. */
function AnswerPane({ s }: { s: SingleRunSession }) {
  const { result, running, theCase } = s;
  const shownReasoning = result ? (result.reasoning ?? (result.status === 'ok' ? '' : undefined)) : s.stream;
  return (
    <>
      <VerdictHeader result={result} running={running} cancelled={s.cancelled} />
      {result && theCase && <LabelAgreement result={result} truth={theCase.truth.status} />}
      {running && s.retry && (
        <p role="status" data-testid="run-retry" className="rounded-md bg-amber-950/50 px-3 py-2 text-sm text-amber-200 ring-1 ring-amber-800">
          {s.retry}
        </p>
      )}
      {result?.error && (
        <p role="alert" className={`rounded-md px-3 py-2 text-sm ring-1 ${result.status === 'error' ? 'bg-rose-950/60 text-rose-200 ring-rose-800' : 'bg-amber-950/50 text-amber-200 ring-amber-800'}`} data-testid="run-error">
          {result.error.message}
        </p>
      )}
      {shownReasoning !== undefined && (shownReasoning || running) && (
        <section aria-label="Reasoning">
          <h3 className="mb-1.5 text-xs font-medium uppercase tracking-wide text-zinc-400">Reasoning{running ? ' (streaming)' : ''}</h3>
          {/* Model output is untrusted: plain text only, never HTML or markdown. */}
          <div data-testid="reasoning" aria-live="polite" className="whitespace-pre-wrap break-words rounded-md bg-zinc-900 px-4 py-3 text-[15px] leading-relaxed text-zinc-100 ring-1 ring-zinc-800">
            {shownReasoning}
            {running && <span className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-sky-400 align-middle" aria-hidden />}
          </div>
        </section>
      )}
      {result && !running && <ModelThinking result={result} />}
      {result && <RunDetails result={result} />}
    </>
  );
}

/** The case's last eight answers, each with the run that gave it; a click shows it above. */
function EarlierResults({ s }: { s: SingleRunSession }) {
  const { history, historyRuns } = s;
  if (!history?.length) return null;
  return (
    <section aria-label="Earlier results" className="mt-2">
      <h3 className="mb-1.5 text-xs font-medium uppercase tracking-wide text-zinc-400">Earlier results for this case</h3>
      <ul className="flex flex-col gap-1">
        {history.slice(0, 8).map((h) => {
          const r = historyRuns?.get(h.runId);
          return (
            <li key={h.id}>
              <button type="button" onClick={() => s.setResult(h)} className="flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-xs text-zinc-400 hover:bg-zinc-800/60">
                <ResultBadge r={h} />
                <span className="tabular-nums">{new Date(h.createdAt).toLocaleTimeString()}</span>
                <span className="max-w-[45%] shrink-0 truncate text-zinc-300" data-testid="history-run">{r ? runLabel(r) : ''}</span>
                <span className="min-w-0 flex-1 truncate">{h.reasoning ?? h.error?.message ?? ''}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The case's own label next to the answer, and whether they agree: a miss must not look like a pass. */
function LabelAgreement({ result, truth }: { result: Result; truth: LabelStatus }) {
  const labelled = truth === 'normal' || truth === 'anomalous';
  const agrees = result.status === 'ok' && labelled ? result.verdict === truth : undefined;
  return (
    <p data-testid="label-agreement" className="text-sm text-zinc-300">
      Label: <span className="font-medium text-zinc-100">{truth}</span>
      {agrees === true && <span className="ml-2 text-emerald-300">· the verdict agrees</span>}
      {agrees === false && <span className="ml-2 font-semibold text-rose-300">· the verdict disagrees with the label</span>}
      {agrees === undefined && labelled && <span className="ml-2 text-amber-300">· no verdict to compare</span>}
    </p>
  );
}

function Picker({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-[10px] font-medium uppercase tracking-wide text-zinc-500">{label}</span>
      {children}
    </label>
  );
}

function ResultBadge({ r }: { r: Result }) {
  if (r.status === 'ok' && r.verdict) return <Badge tone={r.verdict === 'normal' ? 'normal' : 'anomalous'}>{r.verdict}</Badge>;
  return <Badge tone={r.status === 'error' ? 'error' : 'unsure'}>{STATUS_TEXT[r.status]}</Badge>;
}

function VerdictHeader({ result, running, cancelled }: { result?: Result; running: boolean; cancelled: boolean }) {
  if (running) return <div className="text-sm text-sky-300">Waiting for the model…</div>;
  if (cancelled) return <div className="text-sm text-zinc-400" role="status">Cancelled. Nothing was saved.</div>;
  if (!result) return <div className="text-sm text-zinc-500">Choose a case and a prompt version, then Run.</div>;
  const tone = result.status === 'ok' ? (result.verdict === 'normal' ? 'text-emerald-300 bg-emerald-950/60 ring-emerald-700' : 'text-rose-300 bg-rose-950/60 ring-rose-700') : result.status === 'error' ? 'text-red-200 bg-red-950 ring-red-700' : 'text-amber-200 bg-amber-950/60 ring-amber-700';
  return (
    <div className="flex flex-wrap items-center gap-4">
      <span data-testid="verdict" className={`rounded-lg px-4 py-1.5 text-xl font-semibold uppercase tracking-wide ring-1 ${tone}`}>
        {result.status === 'ok' ? result.verdict : STATUS_TEXT[result.status]}
      </span>
      {result.confidence !== undefined && (
        <div className="text-sm text-zinc-300">
          confidence <span className="font-semibold tabular-nums text-zinc-100">{Math.round(result.confidence * 100)}%</span>
        </div>
      )}
      {result.score !== undefined && (
        <div className="text-sm text-zinc-300" title="Anomaly score 0–1 and where it comes from">
          anomaly score <span className="font-semibold tabular-nums text-zinc-100">{result.score.toFixed(2)}</span> <span className="text-zinc-500">({result.scoreSource})</span>
        </div>
      )}
      {result.defectType && <Badge tone="anomalous">{result.defectType}</Badge>}
      {!!result.violatedRules?.length && (
        <div className="text-sm text-zinc-300">
          violates <span className="font-mono text-rose-300">{result.violatedRules.join(', ')}</span>
        </div>
      )}
    </div>
  );
}

function RuleList({ rules, violated }: { rules: PromptRule[]; violated: string[] }) {
  if (rules.length === 0) return <p className="text-xs text-zinc-500">This prompt version has no rules for this class.</p>;
  return (
    <section aria-label="Rules of this version">
      <h3 className="mb-1.5 text-xs font-medium uppercase tracking-wide text-zinc-400">Rules</h3>
      <ul className="flex flex-col gap-1">
        {rules.map((r) => {
          const bad = violated.includes(r.id);
          return (
            <li key={r.id} data-violated={bad || undefined} className={`flex gap-2 rounded-md px-2 py-1.5 text-xs ring-1 ${bad ? 'bg-rose-950/60 text-rose-100 ring-rose-700' : 'text-zinc-300 ring-zinc-800'}`}>
              <span className={`font-mono ${bad ? 'text-rose-300' : r.kind === 'tolerated' ? 'text-amber-300' : 'text-sky-300'}`}>{r.id}</span>
              <span className="flex-1">{r.text}</span>
              {bad && <span className="font-semibold uppercase text-rose-300">violated</span>}
              {r.kind === 'tolerated' && <span className="text-amber-400/80">tolerated</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function RunDetails({ result }: { result: Result }) {
  return (
    <details className="rounded-md bg-zinc-900/60 ring-1 ring-zinc-800" data-testid="run-details">
      <summary className="cursor-pointer select-none px-3 py-2 text-sm text-zinc-300">
        Raw response, tokens, latency, cost
        <span className="ml-3 text-xs text-zinc-500">
          {result.usage ? `${formatTokens(result.usage.promptTokens)} in / ${formatTokens(result.usage.completionTokens)} out` : ''}
          {result.latencyMs !== undefined ? ` · ${(result.latencyMs / 1000).toFixed(1)} s` : ''}
          {result.costUsd !== undefined ? ` · ${formatUsd(result.costUsd)}` : ''}
        </span>
      </summary>
      <div className="flex flex-col gap-3 border-t border-zinc-800 p-3 text-xs">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-zinc-400">
          <dt>Tokens</dt>
          <dd className="text-zinc-200">{result.usage ? `${result.usage.promptTokens} prompt, ${result.usage.completionTokens} completion${result.usage.reasoningTokens !== undefined ? ` (${result.usage.reasoningTokens} of them reasoning)` : ''}` : 'not reported'}</dd>
          <dt>Latency</dt>
          <dd className="text-zinc-200">{result.latencyMs !== undefined ? `${result.latencyMs} ms` : '—'}</dd>
          <dt>Cost</dt>
          <dd className="text-zinc-200">{formatUsd(result.costUsd)}</dd>
          <dt>Request hash</dt>
          <dd className="font-mono text-zinc-300">{result.requestHash?.slice(0, 16) ?? '—'}</dd>
          <dt>Images sent</dt>
          <dd className="font-mono text-zinc-300">{result.imageHashes?.map((h) => h.slice(0, 8)).join(' ') ?? '—'}</dd>
        </dl>
        <pre data-testid="raw-response" className="max-h-72 overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-950 p-2 text-[11px] text-zinc-300 ring-1 ring-zinc-800">
          {result.raw ?? '(no answer)'}
        </pre>
      </div>
    </details>
  );
}
