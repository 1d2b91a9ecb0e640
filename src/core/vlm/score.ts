/**
 * A continuous anomaly score (0–1, 1 = surely anomalous) for a parsed answer, with its source:
 * token logprobs of the verdict when the provider returned them, else the stated confidence,
 * else the bare verdict (0 or 1, said so).
 */
import type { ScoreSource, Verdict } from '@/core/model';

export interface TokenLogprob {
  token: string;
  logprob: number;
  top_logprobs?: { token: string; logprob: number }[];
}

export interface Score {
  score: number;
  source: ScoreSource;
}

const ANOMALOUS_PREFIX = /^\s*"?\s*(anom|abn|defect)/i;
const NORMAL_PREFIX = /^\s*"?\s*norm/i;

/**
 * P(anomalous) from the logprobs at the token where the verdict value starts: the JSON value
 * after `"verdict": "` (or the `0`/`1` after `"correctness":`). Alternatives come from
 * `top_logprobs`; probabilities of normal- and anomalous-looking tokens are summed and normalised.
 */
export function scoreFromLogprobs(tokens: readonly TokenLogprob[] | undefined): number | undefined {
  if (!tokens?.length) return undefined;
  let text = '';
  for (let i = 0; i < tokens.length; i++) {
    const before = text;
    text += tokens[i].token;
    const key = /"(verdict|correctness)"\s*:\s*"?\s*$/i.exec(before);
    // The opening quote can be a token of its own: the value starts at the next one.
    if (!key || !/[a-z0-9]/i.test(tokens[i].token)) continue;
    const authors = key[1].toLowerCase() === 'correctness';
    const alts = tokens[i].top_logprobs?.length ? tokens[i].top_logprobs! : [{ token: tokens[i].token, logprob: tokens[i].logprob }];
    let pA = 0;
    let pN = 0;
    for (const alt of alts) {
      const p = Math.exp(alt.logprob);
      const t = alt.token.trim().replace(/^"/, '');
      if (authors ? t.startsWith('0') : ANOMALOUS_PREFIX.test(t)) pA += p;
      else if (authors ? t.startsWith('1') : NORMAL_PREFIX.test(t)) pN += p;
    }
    if (pA + pN <= 0) return undefined;
    return pA / (pA + pN);
  }
  return undefined;
}

/** Maps stated confidence in the verdict onto an anomaly score: 0.5 ± confidence / 2. */
export function scoreFromConfidence(verdict: Verdict, confidence: number | undefined): Score {
  if (confidence === undefined) return { score: verdict === 'anomalous' ? 1 : 0, source: 'verdict-only' };
  const half = Math.min(1, Math.max(0, confidence)) / 2;
  return { score: verdict === 'anomalous' ? 0.5 + half : 0.5 - half, source: 'confidence' };
}

export function scoreAnswer(verdict: Verdict, confidence: number | undefined, logprobs: readonly TokenLogprob[] | undefined): Score {
  const lp = scoreFromLogprobs(logprobs);
  if (lp !== undefined) return { score: lp, source: 'logprobs' };
  return scoreFromConfidence(verdict, confidence);
}
