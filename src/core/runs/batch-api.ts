/**
 * The Batch API as data: which providers take it (and their documented limits), how a request
 * file is split to fit one batch, how often to look at a running batch, and how the provider's
 * batch object becomes the `BatchJob` kept with the run.
 */
import type { BatchJob, BatchJobStatus } from '@/core/model';
import { retryDelay } from '@/core/identity';
import { defaultOptions } from '@/core/options';

/** Where and how a provider takes batches. */
export interface BatchTarget {
  /** The `endpoint` named when the batch is created. */
  endpoint: string;
  /** The `url` of every line of the input file. */
  lineUrl: string;
  /** Shortest wait between two looks at one batch the provider asks for, s. */
  minPollS: number;
  /** Most requests (lines) in one input file. */
  maxRequests: number;
  /** Largest input file, bytes. */
  maxBytes: number;
  /** What the user must have set up, shown next to the submit button. */
  note: string;
}

const MB = 1024 * 1024;

/**
 * Per provider preset. OpenAI: "up to 50,000 requests, and can be up to 200 MB in size" (Batch API
 * reference, `input_file_id`). Azure OpenAI (v1 API, global batch): 100,000 requests and 200 MB per
 * file, 500 files per resource; lines say `/v1/chat/completions` while the batch is created with
 * endpoint `/chat/completions`; the model must be a Global Batch deployment; its docs ask for at
 * least 60 s between status calls. Files and batches live on the same resource endpoint as chat,
 * so they are reachable from the browser wherever live calls are.
 * A preset missing here gets the sentence in `BATCH_UNSUPPORTED` instead.
 */
export const BATCH_TARGETS: Record<string, BatchTarget> = {
  openai: { endpoint: '/v1/chat/completions', lineUrl: '/v1/chat/completions', minPollS: 0, maxRequests: 50_000, maxBytes: 200 * MB, note: 'Runs at the Batch API price (50 % off) within 24 h.' },
  azure: {
    endpoint: '/chat/completions',
    lineUrl: '/v1/chat/completions',
    minPollS: 60,
    maxRequests: 100_000,
    maxBytes: 200 * MB,
    note: 'Needs a Global Batch (or Data Zone Batch) deployment: the model must be that deployment\'s name. A resource holds at most 500 batch files. Runs at the batch price (50 % off), usually within 24 h.',
  },
  custom: { endpoint: '/v1/chat/completions', lineUrl: '/v1/chat/completions', minPollS: 0, maxRequests: 50_000, maxBytes: 200 * MB, note: 'The server must offer OpenAI\'s /files and /batches routes. Costs are counted at the batch price (50 % off).' },
};

/** Why a preset without a target cannot take a batch, where there is more to say than the default. */
const UNSUPPORTED_WHY: Record<string, string> = {
  gemini: "Gemini's batch mode takes its own request format (GenerateContentRequest), not the OpenAI-compatible requests this app builds",
  ollama: 'Ollama runs on your own machine and has no Batch API; a live batch run here costs nothing extra',
  lmstudio: 'LM Studio runs on your own machine and has no Batch API; a live batch run here costs nothing extra',
  vllm: "vLLM's server has no OpenAI-style Files/Batches routes (its batch runner is a command-line tool)",
};

export const BATCH_UNSUPPORTED = (presetId: string, providerTitle: string) =>
  `${UNSUPPORTED_WHY[presetId] ?? `${providerTitle} has no OpenAI-style Batch API this app can submit to`}; run the batch live here, or download the batch file for another service.`;

/** Batch prices are half the live ones (OpenAI and Azure OpenAI alike). */
export const BATCH_DISCOUNT = 0.5;

/** Completion window of a batch; the only value the providers accept. */
export const BATCH_WINDOW = '24h';

export class BatchSplitError extends Error {}

const NON_ASCII = /[\u0080-\uffff]/g;

/**
 * UTF-8 size of a string, bytes, without encoding it: request lines are mostly base64 (ASCII), so
 * only the few other characters are looked at (2 bytes below U+0800, 4 for a surrogate pair, else 3).
 */
export function utf8Bytes(text: string): number {
  let n = text.length;
  for (const m of text.matchAll(NON_ASCII)) {
    const c = m[0].charCodeAt(0);
    n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

/** One batch's share of the request lines. */
export interface BatchPart {
  /** Whole lines, each ending in a newline. */
  lines: string[];
  requests: number;
  bytes: number;
}

/**
 * Splits request lines into parts that each fit one batch (request count and bytes). Lines stay
 * whole and in order; a single line over the byte limit is an error naming its case. Parts keep
 * lines apart, as a large set joined into one string can exceed what a string may hold.
 */
export function splitBatchLines(lines: Iterable<string>, limits: { maxRequests: number; maxBytes: number }): BatchPart[] {
  const parts: BatchPart[] = [];
  let part: BatchPart = { lines: [], requests: 0, bytes: 0 };
  for (const raw of lines) {
    if (!raw.trim()) continue;
    const line = raw.endsWith('\n') ? raw : `${raw}\n`;
    const size = utf8Bytes(line);
    if (size > limits.maxBytes) {
      const id = /"custom_id":"([^"]*)"/.exec(line.slice(0, 400))?.[1] ?? '?';
      throw new BatchSplitError(`The request for case ${id} is ${(size / MB).toFixed(1)} MB, more than one batch file may hold (${(limits.maxBytes / MB).toFixed(0)} MB); send smaller images.`);
    }
    if (part.requests >= limits.maxRequests || part.bytes + size > limits.maxBytes) {
      parts.push(part);
      part = { lines: [], requests: 0, bytes: 0 };
    }
    part.lines.push(line);
    part.requests++;
    part.bytes += size;
  }
  if (part.requests) parts.push(part);
  return parts;
}

const TERMINAL: ReadonlySet<BatchJobStatus> = new Set(['failed', 'completed', 'expired', 'cancelled']);

export function isTerminal(status: BatchJobStatus): boolean {
  return TERMINAL.has(status);
}

/** Output or error files of a finished batch not yet read into the run. */
export function filesToImport(job: BatchJob): string[] {
  if (!isTerminal(job.status)) return [];
  return [job.outputFileId, job.errorFileId].filter((f): f is string => !!f && !job.imported?.includes(f));
}

/** Whether the app still has to look at this batch (running, or finished with files unread). */
export function needsAttention(job: BatchJob): boolean {
  return !isTerminal(job.status) || filesToImport(job).length > 0;
}

const POLL = defaultOptions.batchApi.pollS;

/**
 * Seconds to wait before look number `attempt` (0-based); a server's Retry-After and the provider's
 * shortest interval win when longer.
 */
export function pollDelayS(attempt: number, retryAfterS?: number, minS = 0): number {
  const d = retryDelay(attempt, POLL);
  return Math.max(minS, retryAfterS !== undefined ? Math.min(POLL.max, Math.max(d, retryAfterS)) : d);
}

/** Status words as OpenAI spells them; Azure OpenAI may answer "Validating" or "InProgress". */
export function normaliseStatus(status: string): string {
  return status.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The parts of the provider's batch object this app reads. */
export interface ApiBatch {
  id: string;
  status: string;
  input_file_id?: string;
  output_file_id?: string | null;
  error_file_id?: string | null;
  request_counts?: { total?: number; completed?: number; failed?: number } | null;
  errors?: { data?: { code?: string; message?: string; line?: number | null }[] } | null;
}

const STATUS_SET: ReadonlySet<string> = new Set(['validating', 'failed', 'in_progress', 'finalizing', 'completed', 'expired', 'cancelling', 'cancelled']);

/** Why a batch failed, with the lines its validation named (at most five). */
export function failureSentence(api: ApiBatch): string {
  const data = api.errors?.data ?? [];
  if (api.status === 'expired') return 'The batch expired: the provider did not finish it within 24 h; the answers it did finish are imported, send the rest again.';
  if (!data.length) return 'The provider marked the batch as failed without giving a reason.';
  const shown = data.slice(0, 5).map((e) => `${e.line ? `line ${e.line}: ` : ''}${(e.message ?? e.code ?? 'invalid').replace(/\.$/, '')}`);
  return `The provider rejected the input file — ${shown.join('; ')}${data.length > 5 ? `; and ${data.length - 5} more` : ''}.`;
}

/** The stored job after one look at the provider's batch object. */
export function jobFromApi(prev: BatchJob, api: ApiBatch, now: number): BatchJob {
  const said = normaliseStatus(api.status ?? '');
  const status = (STATUS_SET.has(said) ? said : prev.status) as BatchJobStatus;
  const c = api.request_counts;
  return {
    ...prev,
    status,
    counts: c ? { total: c.total ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0 } : prev.counts,
    outputFileId: api.output_file_id ?? prev.outputFileId,
    errorFileId: api.error_file_id ?? prev.errorFileId,
    error: status === 'failed' || status === 'expired' ? failureSentence(api) : undefined,
    checkedAt: now,
  };
}

const STATUS_WORDS: Record<BatchJobStatus, string> = {
  validating: 'checking the file',
  in_progress: 'running',
  finalizing: 'writing results',
  completed: 'completed',
  failed: 'failed',
  expired: 'expired',
  cancelling: 'cancelling',
  cancelled: 'cancelled',
};

export function statusWords(status: BatchJobStatus): string {
  return STATUS_WORDS[status];
}

/** Totals over all parts of a run: requests, answered, failed, and parts per status. */
export function summariseJobs(jobs: readonly BatchJob[]): { requests: number; completed: number; failed: number; finished: number; parts: number } {
  let requests = 0;
  let completed = 0;
  let failed = 0;
  let finished = 0;
  for (const j of jobs) {
    requests += j.requests;
    completed += j.counts?.completed ?? 0;
    failed += j.counts?.failed ?? 0;
    if (!needsAttention(j)) finished++;
  }
  return { requests, completed, failed, finished, parts: jobs.length };
}
