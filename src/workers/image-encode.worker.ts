/// <reference lib="webworker" />
/**
 * Resizes and re-encodes images off the main thread: decode → scale to max side → encode →
 * base64 data URL, plus the SHA-256 of the source bytes.
 */
import { encodeInThisThread, type EncodeJob } from '@/lib/images/encode-core';

self.onmessage = async (e: MessageEvent<{ id: number; job: EncodeJob }>) => {
  const { id, job } = e.data;
  try {
    const out = await encodeInThisThread(job);
    (self as unknown as Worker).postMessage({ id, out });
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
