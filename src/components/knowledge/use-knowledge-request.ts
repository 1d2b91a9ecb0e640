import { useMutation, useQuery } from '@tanstack/react-query';
import type { ProviderConfig } from '@/core/vlm/providers';
import { knowledgeCost, requestSuggestions, type PreparedKnowledge } from '@/lib/knowledge/calls';
import type { SuggestionBatch } from '@/lib/knowledge/store';
import { useProviderStore } from '@/stores/provider-store';

/**
 * One knowledge request to the configured model, as drafts and misses both make it: prepared
 * (images encoded) and priced before anything is sent, then sent once on demand, its images
 * marked as seen by the model and its suggestions handed to `onBatch`.
 */
export function useKnowledgeRequest(o: {
  /** What the prepared request depends on besides the provider. */
  key: readonly unknown[];
  enabled: boolean;
  prepare: (provider: ProviderConfig) => Promise<PreparedKnowledge>;
  purpose: SuggestionBatch['purpose'];
  /** The sentence recorded on the images sent, given the model and the prepared request. */
  leakNote: (model: string, p: PreparedKnowledge) => string;
  declined: string;
  onBatch: (batch: SuggestionBatch) => void | Promise<void>;
}) {
  const { config, apiKey, prices } = useProviderStore();
  const prepared = useQuery({
    queryKey: [...o.key, config.baseURL, config.model, config.presetId],
    queryFn: () => o.prepare(config),
    enabled: o.enabled,
    staleTime: Infinity,
    retry: false,
  });
  const cost = prepared.data ? knowledgeCost(prepared.data, prices, config.model) : undefined;
  const send = useMutation({
    networkMode: 'always',
    mutationFn: async () => {
      const p = prepared.data!;
      await o.onBatch(await requestSuggestions(p, o.purpose, { provider: config, apiKey, prices }, o.leakNote(config.model, p), o.declined));
    },
  });
  return { prepared, cost, send };
}
