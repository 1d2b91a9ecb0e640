/**
 * The Files and Batches seam: upload a request file, create, look at and cancel a batch, read its
 * output and error files. It talks through the same SDK client as live calls (`clientFor`), so the
 * key goes only to the configured base URL, and it turns every failure into a `VlmError` sentence.
 */
import type { ApiBatch } from '@/core/runs/batch-api';
import { BATCH_WINDOW } from '@/core/runs/batch-api';
import type { ProviderConfig } from '@/core/vlm/providers';
import { clientFor, httpStatusOf, toVlmError, VlmError } from '@/lib/vlm/openai-client';

export interface BatchConnection {
  config: ProviderConfig;
  apiKey: string;
  /** Injected for tests and other environments. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** Uploads take longer than one answer: a 200 MB file over a slow line needs minutes. */
const UPLOAD_TIMEOUT_MS = 15 * 60 * 1000;

/** Maps a failure of one Files/Batches call to a sentence naming what was being done. */
export function toBatchError(err: unknown, conn: BatchConnection, doing: string): VlmError {
  if (httpStatusOf(err) === 404)
    return new VlmError('model', `${doing} failed: ${conn.config.baseURL} answered "not found" (HTTP 404); the batch or file may have been deleted, or this server offers no Batch API.`, { httpStatus: 404 });
  const e = toVlmError(err, conn.config, conn.apiKey, { timedOut: false, cancelled: !!conn.signal?.aborted });
  return new VlmError(e.kind, `${doing} failed: ${e.message}`, { httpStatus: e.httpStatus, retryable: e.retryable, retryAfterS: e.retryAfterS });
}

async function call<T>(conn: BatchConnection, doing: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toBatchError(err, conn, doing);
  }
}

/** Uploads one JSONL request file (its lines, or the whole text) with purpose `batch`; returns its file id. */
export async function uploadBatchFile(conn: BatchConnection, jsonl: string | readonly string[], fileName: string): Promise<string> {
  const client = clientFor(conn.config, conn.apiKey, conn.fetch);
  // A Blob made of the lines never needs the whole file as one string.
  const file = new File(typeof jsonl === 'string' ? [jsonl] : [...jsonl], fileName, { type: 'application/jsonl' });
  const f = await call(conn, `Uploading ${fileName}`, () => client.files.create({ file, purpose: 'batch' }, { signal: conn.signal, timeout: UPLOAD_TIMEOUT_MS }));
  return f.id;
}

/** Creates a batch over an uploaded file (24 h window); `runId` goes into its metadata. */
export async function createBatch(conn: BatchConnection, inputFileId: string, endpoint: string, runId: string): Promise<ApiBatch> {
  const client = clientFor(conn.config, conn.apiKey, conn.fetch);
  // Azure OpenAI names the endpoint without `/v1`; the SDK's type lists OpenAI's spellings only.
  const params = { input_file_id: inputFileId, endpoint: endpoint as '/v1/chat/completions', completion_window: BATCH_WINDOW as '24h', metadata: { anomaly_workbench_run: runId } };
  return (await call(conn, 'Creating the batch', () => client.batches.create(params, { signal: conn.signal }))) as ApiBatch;
}

export async function retrieveBatch(conn: BatchConnection, batchId: string): Promise<ApiBatch> {
  const client = clientFor(conn.config, conn.apiKey, conn.fetch);
  return (await call(conn, `Checking batch ${batchId}`, () => client.batches.retrieve(batchId, { signal: conn.signal }))) as ApiBatch;
}

export async function cancelBatch(conn: BatchConnection, batchId: string): Promise<ApiBatch> {
  const client = clientFor(conn.config, conn.apiKey, conn.fetch);
  return (await call(conn, `Cancelling batch ${batchId}`, () => client.batches.cancel(batchId, { signal: conn.signal }))) as ApiBatch;
}

/** The text of an output or error file. */
export async function batchFileText(conn: BatchConnection, fileId: string): Promise<string> {
  const client = clientFor(conn.config, conn.apiKey, conn.fetch);
  return call(conn, `Downloading file ${fileId}`, async () => (await client.files.content(fileId, { signal: conn.signal, timeout: UPLOAD_TIMEOUT_MS })).text());
}
