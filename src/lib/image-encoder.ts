/**
 * Resizes and encodes images for a request, in a worker, cached by (source hash, settings) so a
 * preview with many references encodes each picture once. Falls back to the main thread where
 * workers are unavailable.
 */
import type { EncodedImage } from '@/core/prompt/build-request';
import type { ImageSettings } from '@/core/prompt/prompt-body';
import { encodeInThisThread, sha256Hex, type EncodeJob, type EncodeOutput } from '@/lib/image-encode-core';

const MAX_CACHE = 256;
const cache = new Map<string, Promise<EncodeOutput>>();
const blobHashes = new WeakMap<Blob, Promise<string>>();

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (o: EncodeOutput) => void; reject: (e: Error) => void }>();

function getWorker(): Worker | undefined {
  if (worker || typeof Worker === 'undefined') return worker;
  try {
    worker = new Worker(new URL('../workers/image-encode.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; out?: EncodeOutput; error?: string }>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (!p) return;
      if (e.data.out) p.resolve(e.data.out);
      else p.reject(new Error(e.data.error ?? 'The image could not be encoded.'));
    };
  } catch {
    worker = undefined;
  }
  return worker;
}

function encode(job: EncodeJob): Promise<EncodeOutput> {
  const w = getWorker();
  if (!w) return encodeInThisThread(job);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    w.postMessage({ id, job });
  });
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
    p = encode({ blob, sourceHash: hash, maxSidePx: settings.maxSidePx, format: settings.format, quality: settings.quality, blank: opts.blank });
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    if (cache.size > MAX_CACHE) cache.delete(cache.keys().next().value!);
  }
  try {
    const out = await p;
    return { ...out, caption: opts.caption };
  } catch (err) {
    throw new Error(`${opts.label}: ${err instanceof Error ? err.message : 'it could not be encoded.'}`);
  }
}

/** How many encodings are cached (for the preview's "encoded once" note and the benchmark). */
export function encodeCacheSize(): number {
  return cache.size;
}
