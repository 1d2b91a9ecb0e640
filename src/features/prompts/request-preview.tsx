import { useQuery } from '@tanstack/react-query';
import { casesForPrompt, fitNote } from '@/core/prompt/prompt-classes';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Select } from '@/components/ui/field';
import { formatBytes, formatTokens, formatUsd } from '@/components/format';
import type { Case } from '@/core/model';
import type { ChatRequestBody } from '@/core/prompt/build-request';
import type { PromptBody } from '@/core/prompt/prompt-body';
import { resolveModel } from '@/core/vlm/model-capabilities';
import { costUsd, priceFor } from '@/core/vlm/providers';
import { prepareRequest } from '@/lib/prompt/prepare-request';
import { RetrievalList } from '@/features/prompts/retrieval-list';
import { useNextRequestStore } from '@/stores/next-request-store';
import { useProviderStore } from '@/stores/provider-store';
import { useUiStore } from '@/stores/ui-store';

/** The body with image data elided for reading (the real body carries the full data URLs). */
function readableBody(body: ChatRequestBody): string {
  return JSON.stringify(
    body,
    (_k, v: unknown) => (typeof v === 'string' && v.startsWith('data:') ? `${v.slice(0, v.indexOf(',') + 1)}… (${formatBytes(Math.round(((v.length - v.indexOf(',') - 1) * 3) / 4))})` : v),
    2,
  );
}

/** The exact request a case would send with this (possibly unsaved) prompt body. */
export function RequestPreview({ body, cases }: { body: PromptBody; cases: Case[] }) {
  const config = useProviderStore((s) => s.config);
  const prices = useProviderStore((s) => s.prices);
  const setNext = useNextRequestStore((s) => s.setNext);
  const focused = useUiStore((s) => s.focusedCaseId);
  const testCases = useMemo(() => cases.filter((c) => c.role === 'test'), [cases]);
  const [caseId, setCaseId] = useState<string | undefined>(undefined);
  // The preview follows the prompt: the focused case if the prompt covers its class, else the prompt's first case.
  const covered = useMemo(() => casesForPrompt(body, testCases), [body, testCases]);
  const chosen = caseId ?? (covered.some((c) => c.id === focused) ? focused : (covered[0] ?? testCases[0])?.id);
  const chosenCase = testCases.find((c) => c.id === chosen);
  const fitWarning = chosenCase ? fitNote(body, chosenCase.className) : undefined;
  const deferredBody = useDeferredValue(body);
  const resolved = resolveModel(config);
  const caps = resolved.caps;
  const [showJson, setShowJson] = useState(false);

  const q = useQuery({
    queryKey: ['request-preview', chosen, JSON.stringify(deferredBody), config.presetId, config.baseURL, config.model, JSON.stringify(config.caps ?? {})],
    queryFn: () => prepareRequest({ caseId: chosen!, body: deferredBody, provider: config, stream: caps.streaming }),
    enabled: !!chosen,
    placeholderData: (prev) => prev,
    staleTime: Infinity,
  });
  const built = q.data?.built;

  useEffect(() => {
    if (!built || !q.data) return;
    setNext({ caseName: q.data.caseRecord.name, imageCount: built.images.length, imageBytes: built.images.reduce((n, i) => n + i.image.bytes, 0), requestBytes: built.requestBytes, model: config.model });
  }, [built, q.data, config.model, setNext]);

  if (testCases.length === 0) return <p className="text-sm text-zinc-500">Add test cases in the Library to preview a request.</p>;
  const price = priceFor(prices, config.model);
  const inTokens = built ? built.estimate.textTokens + built.estimate.imageTokens : 0;
  // Thinking is billed as output: the least is the answer alone, the most the whole budget.
  const cost = built ? costUsd(price, inTokens, built.estimate.maxOutputTokens) : undefined;
  const leastCost = built && built.estimate.reasoningTokens.max > 0 ? costUsd(price, inTokens, built.estimate.answerTokens + built.estimate.reasoningTokens.min) : undefined;

  return (
    <div className="flex flex-col gap-3" data-testid="request-preview">
      <Select aria-label="Preview case" value={chosen} onChange={(e) => setCaseId(e.target.value)}>
        {testCases.map((c) => (
          <option key={c.id} value={c.id}>
            {c.className} · {c.name}
          </option>
        ))}
      </Select>
      {fitWarning && <p className="text-xs text-amber-300" data-testid="preview-fit">{fitWarning}</p>}
      {q.isError && (
        <p role="alert" className="rounded-md bg-rose-950/60 px-3 py-2 text-sm text-rose-200 ring-1 ring-rose-800">
          {q.error instanceof Error ? q.error.message : 'This case cannot be previewed.'}
        </p>
      )}
      {q.isFetching && !built && <p className="text-sm text-zinc-500">Encoding images…</p>}
      {built && (
        <>
          {built.notes.length > 0 && (
            <ul className="flex flex-col gap-1" aria-label="Request notes">
              {built.notes.map((n, i) => (
                <li key={i} className={`rounded-md px-2.5 py-1.5 text-xs ${n.blocking ? 'bg-rose-950/60 text-rose-200 ring-1 ring-rose-800' : 'bg-amber-950/40 text-amber-200 ring-1 ring-amber-900'}`}>
                  {n.text}
                </li>
              ))}
            </ul>
          )}
          {q.data?.retrieval && <RetrievalList retrieval={q.data.retrieval} />}
          <div className="grid grid-cols-3 gap-2">
            <Stat label="Input tokens" value={`${built.estimate.approx ? '≈ ' : ''}${formatTokens(inTokens)}`} sub={`${formatTokens(built.estimate.textTokens)} text + ${formatTokens(built.estimate.imageTokens)} image`} />
            <Stat
              label="Output (max)"
              value={formatTokens(built.estimate.maxOutputTokens)}
              sub={built.estimate.reasoningTokens.max > 0 ? `${built.estimate.outputParam}: ${formatTokens(built.estimate.answerTokens)} answer + up to ${formatTokens(built.estimate.reasoningTokens.max)} thinking` : built.estimate.outputParam}
              testId="preview-output"
            />
            <Stat label={leastCost !== undefined ? 'Cost (range)' : 'Cost (at most)'} value={leastCost !== undefined ? `${formatUsd(leastCost)} – ${formatUsd(cost)}` : formatUsd(cost)} sub={price ? `${config.model}${leastCost !== undefined ? ', thinking billed as output' : ''}` : 'no price for this model'} testId="preview-cost" />
          </div>
          <ModelAdaptations model={config.model} row={resolved.row?.label} unknownNote={resolved.unknownNote} adapted={built.adapted} headers={Object.keys(built.headers)} effort={built.estimate.effort} />
          <div className="text-xs text-zinc-400" data-testid="preview-size">
            {built.images.length} image{built.images.length === 1 ? '' : 's'}, {formatBytes(built.images.reduce((n, i) => n + i.image.bytes, 0))} of image data; request body {formatBytes(built.requestBytes)} to{' '}
            <span className="font-mono">{config.baseURL}</span>
          </div>
          <ol className="grid grid-cols-[repeat(auto-fill,minmax(6.5rem,1fr))] gap-2" aria-label="Images sent">
            {built.images.map((im, i) => (
              <li key={i} className={`overflow-hidden rounded-md border ${im.role === 'query' ? 'border-sky-700' : 'border-zinc-800'} bg-zinc-950`}>
                <img src={im.image.dataUrl} alt={im.label} className="aspect-square w-full object-cover" />
                <div className="px-1.5 py-1 text-[10px] leading-tight">
                  <div className={`line-clamp-2 font-medium ${im.role === 'query' ? 'text-sky-300' : 'text-zinc-300'}`} title={im.label}>
                    {im.label}
                  </div>
                  <div className="text-zinc-500">
                    {im.image.width}×{im.image.height} · {formatBytes(im.image.bytes)}
                  </div>
                  <div className="text-zinc-500">{im.tokens} tokens</div>
                </div>
              </li>
            ))}
          </ol>
          <div>
            <button type="button" className="text-xs text-sky-400 hover:text-sky-300" onClick={() => setShowJson(!showJson)} aria-expanded={showJson}>
              {showJson ? '▾ Hide' : '▸ Show'} the request body
            </button>
            {showJson && (
              <pre data-testid="request-json" className="mt-2 max-h-96 overflow-auto rounded-md bg-zinc-950 p-3 text-[11px] leading-relaxed text-zinc-300 ring-1 ring-zinc-800">
                {readableBody(built.body)}
              </pre>
            )}
          </div>
          <div className="flex flex-wrap gap-1">
            <Badge tone="info">{built.body.response_format?.type ?? 'plain text answer'}</Badge>
            {built.body.logprobs && <Badge tone="info">logprobs</Badge>}
            {built.body.stream && <Badge tone="info">streamed</Badge>}
          </div>
        </>
      )}
    </div>
  );
}

/** Which fields the model made us change, and why: the body below is what is really sent. */
function ModelAdaptations({ model, row, unknownNote, adapted, headers, effort }: { model: string; row?: string; unknownNote?: string; adapted: { field: string; text: string }[]; headers: string[]; effort?: string }) {
  return (
    <section aria-label="Adapted to the model" data-testid="preview-adapted" className="rounded-md bg-zinc-950 px-2.5 py-2 text-xs ring-1 ring-zinc-800">
      <div className="mb-1 text-zinc-400">
        {row ? (
          <>
            <span className="font-mono text-zinc-200">{model}</span> matched <span className="text-sky-300">{row}</span> in the model table
          </>
        ) : (
          <span className="text-amber-200">{unknownNote ?? `${model || 'No model'}: the provider's defaults apply.`}</span>
        )}
        {effort ? <span className="ml-1 text-zinc-500">· reasoning effort {effort}</span> : null}
      </div>
      {adapted.length > 0 ? (
        <ul className="list-disc space-y-0.5 pl-4 text-zinc-300">
          {adapted.map((a, i) => (
            <li key={i}>{a.text}</li>
          ))}
        </ul>
      ) : (
        <p className="text-zinc-500">Nothing adapted: the body carries the prompt's settings as they are.</p>
      )}
      {headers.length > 0 && <p className="mt-1 text-zinc-500">Extra headers sent: {headers.join(', ')}.</p>}
    </section>
  );
}

function Stat({ label, value, sub, testId }: { label: string; value: string; sub: string; testId?: string }) {
  return (
    <div className="rounded-md bg-zinc-950 px-2.5 py-2 ring-1 ring-zinc-800" data-testid={testId}>
      <div className="text-[10px] uppercase tracking-wide text-zinc-500">{label}</div>
      <div className="text-lg font-semibold tabular-nums text-zinc-100">{value}</div>
      <div className="text-[10px] leading-tight text-zinc-500">{sub}</div>
    </div>
  );
}
