/**
 * OpenAI Batch API files: the input JSONL (one request per line, custom_id = case id) and the
 * output JSONL read back into per-case answers.
 */

export interface BatchInputLine {
  custom_id: string;
  method: 'POST';
  url: string;
  body: unknown;
}

export function toBatchJsonl(requests: readonly { caseId: string; body: unknown }[], url = '/v1/chat/completions'): string {
  const seen = new Set<string>();
  return requests
    .map(({ caseId, body }) => {
      if (seen.has(caseId)) throw new Error(`Case ${caseId} appears twice; a batch file needs one line per case (custom_id must be unique).`);
      seen.add(caseId);
      const line: BatchInputLine = { custom_id: caseId, method: 'POST', url, body };
      return JSON.stringify(line);
    })
    .join('\n') + '\n';
}

export interface BatchOutputAnswer {
  caseId: string;
  /** The assistant message text, when the request succeeded. */
  content?: string;
  /** The model's own refusal field (structured outputs). */
  refusal?: string;
  /** Token logprobs of the answer, when the request asked for them (they give the AUROC score). */
  logprobs?: { token: string; logprob: number; top_logprobs?: { token: string; logprob: number }[] }[];
  finishReason?: string;
  /** The model's thinking, when the server returned it beside the answer. */
  thinking?: string;
  httpStatus?: number;
  /** A sentence, when the request failed. */
  error?: string;
  usage?: { promptTokens: number; completionTokens: number; reasoningTokens?: number };
}

interface WireMessage {
  content?: unknown;
  refusal?: unknown;
  reasoning_content?: unknown;
  reasoning?: unknown;
}

interface WireChoice {
  message?: WireMessage;
  finish_reason?: unknown;
  logprobs?: { content?: unknown } | null;
}

/** Parses a Batch API output (or error) file. Throws a sentence naming the line on malformed input. */
export function parseBatchOutput(text: string, fileName = 'The batch output file'): BatchOutputAnswer[] {
  const out: BatchOutputAnswer[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let o: {
      custom_id?: unknown;
      response?: { status_code?: number; body?: { choices?: WireChoice[]; usage?: { prompt_tokens?: number; completion_tokens?: number; completion_tokens_details?: { reasoning_tokens?: number } | null }; error?: { message?: string } } } | null;
      error?: { message?: string; code?: string } | null;
    };
    try {
      o = JSON.parse(line);
    } catch {
      throw new Error(`${fileName}, line ${i + 1}, is not JSON; use the output file the Batch API returned, unchanged.`);
    }
    if (typeof o.custom_id !== 'string') throw new Error(`${fileName}, line ${i + 1}, has no custom_id; it is not a Batch API output line.`);
    const status = o.response?.status_code;
    const body = o.response?.body;
    if (o.error || !o.response || (status !== undefined && status >= 400)) {
      const msg = o.error?.message ?? body?.error?.message ?? 'no detail given';
      out.push({ caseId: o.custom_id, httpStatus: status, error: `The batch request for case ${o.custom_id} failed${status ? ` (HTTP ${status})` : ''}: ${msg}.` });
      return;
    }
    const choice = body?.choices?.[0];
    const m = choice?.message;
    const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    const reasoning = body?.usage?.completion_tokens_details?.reasoning_tokens;
    const usage = body?.usage ? { promptTokens: body.usage.prompt_tokens ?? 0, completionTokens: body.usage.completion_tokens ?? 0, ...(typeof reasoning === 'number' ? { reasoningTokens: reasoning } : {}) } : undefined;
    const logprobs = Array.isArray(choice?.logprobs?.content) ? (choice.logprobs.content as BatchOutputAnswer['logprobs']) : undefined;
    out.push({
      caseId: o.custom_id,
      httpStatus: status,
      content: typeof m?.content === 'string' ? m.content : '',
      refusal: str(m?.refusal),
      thinking: str(m?.reasoning_content) ?? str(m?.reasoning),
      finishReason: str(choice?.finish_reason),
      logprobs: logprobs?.length ? logprobs : undefined,
      usage,
    });
  });
  return out;
}
