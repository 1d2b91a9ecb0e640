import type { Result } from '@/core/model';
import { formatTokens } from '@/components/format';

/** "1,234 reasoning tokens" when the endpoint reported hidden thinking (billed as output). */
export function reasoningTokensText(usage: Result['usage']): string | undefined {
  return usage?.reasoningTokens ? `${formatTokens(usage.reasoningTokens)} reasoning tokens` : undefined;
}

/**
 * The model's own thinking, when the server returned it beside the answer: collapsed, labelled
 * as the model's thinking (not its stated reasoning), plain text only — model output is untrusted.
 */
export function ModelThinking({ result }: { result: Pick<Result, 'thinking' | 'usage'> }) {
  const tokens = reasoningTokensText(result.usage);
  if (!result.thinking && !tokens) return null;
  if (!result.thinking)
    return (
      <p className="text-xs text-zinc-500" data-testid="reasoning-tokens">
        The model thought before answering: {tokens} (hidden by the provider, billed as output).
      </p>
    );
  return (
    <details className="rounded-md bg-zinc-900/60 ring-1 ring-zinc-800" data-testid="model-thinking">
      <summary className="cursor-pointer select-none px-3 py-1.5 text-xs text-zinc-400">
        The model's thinking{tokens ? ` · ${tokens}` : ''}
      </summary>
      <div className="max-h-64 overflow-y-auto whitespace-pre-wrap break-words border-t border-zinc-800 px-3 py-2 text-xs leading-relaxed text-zinc-400">{result.thinking}</div>
    </details>
  );
}
