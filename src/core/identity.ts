/**
 * Identity: the one place that says what makes two things "the same" — a result's id, a request's
 * key and hash, content hashes, canonical JSON — and how long to wait before trying again.
 *
 * Every string built here is stored (result ids, `Result.requestHash`, prompt version hashes,
 * render spec hashes), so the formats are frozen: changing one orphans users' data.
 */

/** JSON with object keys sorted and `undefined` members left out, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** SHA-256 in lowercase hex of bytes, or of a string's UTF-8. */
export async function sha256Hex(data: ArrayBuffer | Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 (hex) of the canonical JSON of any plain value (prompt version hashes). */
export function hashJson(value: unknown): Promise<string> {
  return sha256Hex(canonicalJson(value));
}

/** A new run's id. */
export function newRunId(): string {
  return `run-${crypto.randomUUID()}`;
}

/** One answer per case and repeat in a run: a reload mid-run finds it again and never duplicates it. */
export function resultId(runId: string, caseId: string, rep: number): string {
  return `${runId}:${caseId}:${rep}`;
}

/** A stored render (`Render.id`): the case images of one file under one render spec. */
export function renderId(assetId: string, specHash: string): string {
  return `${assetId}:${specHash}`;
}

/**
 * A cache key for what is computed from one case image (retrieval descriptors, baseline features):
 * it changes whenever a new render spec can make other pixels.
 */
export function caseImageKey(assetId: string, index: number, img: { caption: string; width: number; height: number; blob: Blob }): string {
  return `${assetId}:${index}:${img.caption}:${img.width}x${img.height}:${img.blob.size}`;
}

/** The key of a job in a run's queue (unique within the run). */
export function jobKey(caseId: string, rep: number): string {
  return `${caseId}:${rep}`;
}

/** The sampling parameters that decide a model's answer (names as stored in request hashes). */
export interface RequestParams {
  temperature?: number;
  maxTokens?: number;
  responseFormat: string;
  logprobs: boolean;
  maxCompletionTokens?: number;
  reasoningEffort?: string;
}

/**
 * Everything that decides an answer. A model request is known fully only once its images are
 * encoded (`imageHashes`); before that (a whole run) the prompt version, provider, parameters and
 * variant stand for them, because the images sent are a pure function of the case's content, the
 * immutable prompt version and the variant.
 */
export type RequestIdentity =
  | { detector: 'vlm'; promptVersionHash: string; baseURL: string; model: string; params: RequestParams; imageHashes: string[] }
  | { detector: 'vlm-run'; promptVersionId?: string; baseURL?: string; model?: string; params: Record<string, unknown>; variant?: string }
  | { detector: 'baseline'; version: string; threshold: number; assetId: string; referenceAssetIds: string[] };

/**
 * The text two requests share exactly when they ask the same question. Formats per detector are
 * the ones stored since the first release, so earlier answers keep being found for reuse.
 */
export function requestKey(r: RequestIdentity): string {
  switch (r.detector) {
    case 'vlm':
      return canonicalJson({ promptVersionHash: r.promptVersionHash, baseURL: r.baseURL, model: r.model, params: r.params, imageHashes: r.imageHashes });
    case 'vlm-run':
      return canonicalJson({ pv: r.promptVersionId, base: r.baseURL, model: r.model, params: r.params, variant: r.variant });
    case 'baseline':
      return JSON.stringify([r.version, r.threshold, r.assetId, r.referenceAssetIds]);
  }
}

/** `Result.requestHash`: SHA-256 of the request key. */
export function requestHash(r: RequestIdentity): Promise<string> {
  return sha256Hex(requestKey(r));
}

/** An exponential schedule: `first`, `first·factor`, … capped at `max` (any one unit). */
export interface Backoff {
  first: number;
  factor: number;
  max: number;
}

/**
 * The wait before retry number `retry` (0-based) in the schedule's unit. `random` (0–1) spreads
 * waits over [½, 1] of the step so clients that failed together do not come back together.
 * A server's `Retry-After` (same unit) wins when given.
 */
export function retryDelay(retry: number, b: Backoff, o: { retryAfter?: number; random?: () => number } = {}): number {
  if (o.retryAfter !== undefined) return Math.max(o.retryAfter, 0);
  const step = Math.min(b.max, b.first * b.factor ** Math.max(0, retry));
  return o.random ? step * (0.5 + o.random() / 2) : step;
}
