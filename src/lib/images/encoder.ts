/**
 * Resizes and encodes images for a request, in a worker, cached by (source hash, settings) so a
 * preview with many references encodes each picture once. Falls back to the main thread where
 * workers are unavailable.
 */
import type { EncodedImage } from '@/core/prompt/build-request';
import type { ImageSettings } from '@/core/prompt/prompt-body';
import { encodeInThisThread, type EncodeJob } from '@/lib/images/encode-core';
import { sha256Hex } from '@/core/identity';
import { createWorkerClient, WorkerJobError, type WorkerClient } from '@/lib/worker-client';
import { defaultOptions } from '@/core/options';

const MAX_CACHE = 256;
const cache = new Map<string, Promise<EncodedImage>>();
const blobHashes = new WeakMap<Blob, Promise<string>>();

type EncodeRequest = { id: number; job: EncodeJob };
type EncodeReply = { id: number; out?: EncodedImage; error?: string };

/** Decoding and encoding one picture; very large scans get more time. */
const DEADLINE = defaultOptions.deadlines.encodeImage;

let client: WorkerClient<EncodeRequest, EncodeReply> | null | undefined;

function encoderClient(): WorkerClient<EncodeRequest, EncodeReply> | null {
  if (client !== undefined) return client;
  client = typeof Worker === 'undefined' ? null : createWorkerClient<EncodeRequest, EncodeReply>({ create: () => new Worker(new URL('../../workers/image-encode.worker.ts', import.meta.url), { type: 'module' }), deadline: DEADLINE });
  return client;
}

async function encode(job: EncodeJob, label: string): Promise<EncodedImage> {
  const c = encoderClient();
  if (!c) return encodeInThisThread(job);
  const r = await c.request({ job }, { what: `Encoding ${label.charAt(0).toLowerCase()}${label.slice(1)}`, inputBytes: job.blob.size });
  if (r.out) return r.out;
  throw new Error(r.error ?? 'The image could not be encoded.');
}

/** SHA-256 of a blob's bytes, computed once per Blob object. */
export function blobHash(blob: Blob): Promise<string> {
  let h = blobHashes.get(blob);
  if (!h) {
    h = blob.arrayBuffer().then(sha256Hex);
    blobHashes.set(blob, h);
  }
  return h;
}

/**
 * Encodes one image per the settings. `knownHash` (e.g. the asset id, already a SHA-256) saves
 * hashing. `label` names the image in error sentences.
 */
export async function encodeImage(blob: Blob, settings: ImageSettings, opts: { knownHash?: string; caption?: string; blank?: boolean; label: string }): Promise<EncodedImage> {
  const hash = opts.knownHash ?? (await blobHash(blob));
  const key = `${hash}|${settings.maxSidePx}|${settings.format}|${settings.quality}|${opts.blank ? 'blank' : ''}`;
  let p = cache.get(key);
  if (!p) {
    p = encode({ blob, sourceHash: hash, maxSidePx: settings.maxSidePx, format: settings.format, quality: settings.quality, blank: opts.blank }, opts.label);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    if (cache.size > MAX_CACHE) cache.delete(cache.keys().next().value!);
  }
  try {
    const out = await p;
    return { ...out, caption: opts.caption };
  } catch (err) {
    // The worker client's sentences already name the image.
    if (err instanceof WorkerJobError) throw err;
    throw new Error(`${opts.label}: ${err instanceof Error ? err.message : 'it could not be encoded.'}`);
  }
}

/** How many encodings are cached (for the preview's "encoded once" note and the benchmark). */
export function encodeCacheSize(): number {
  return cache.size;
}
