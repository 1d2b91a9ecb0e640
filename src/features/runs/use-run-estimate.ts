import { useMemo } from 'react';
import type { Case } from '@/core/model';
import type { PromptBody } from '@/core/prompt/prompt-body';
import { estimateRun, tokensFromEarlier, tokensFromPrompt, type RunEstimate } from '@/core/runs/estimate';
import { capabilities, priceFor } from '@/core/vlm/providers';
import { useModelUsage } from '@/lib/runs/run-data';
import { useProviderStore } from '@/stores/provider-store';

/** Estimates a run of `calls` model calls over `target` with the current provider; undefined until the prompt is read. */
export function useRunEstimate(body: PromptBody | undefined, target: readonly Case[]): ((calls: number) => RunEstimate) | undefined {
  const config = useProviderStore((s) => s.config);
  const prices = useProviderStore((s) => s.prices);
  const usage = useModelUsage(config.model);
  const classes = useMemo(() => [...new Set(target.map((c) => c.className))], [target]);
  return useMemo(() => {
    if (!body || !usage) return undefined;
    const perCall = tokensFromEarlier(usage, config.model) ?? tokensFromPrompt(body, classes, capabilities(config).imageTokens);
    const price = priceFor(prices, config.model);
    return (calls: number) => estimateRun(calls, perCall, price);
  }, [body, usage, classes, config, prices]);
}

/** "$0.42" or "unknown (no price for llava in Settings)": never $0.00 for a model without a price. */
export function costText(usd: number | undefined, model: string): string {
  if (usd === undefined) return `unknown (no price for ${model || 'this model'} in Settings)`;
  if (usd > 0 && usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}
