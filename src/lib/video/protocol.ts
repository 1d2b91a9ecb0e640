/** Messages between `@/lib/video-client` and `src/workers/video.worker.ts`. */
import type { CropMask } from '@/core/video/crop-mask';
import type { ChangeScore, FrameInfo } from '@/core/video/frame-plan';
import type { VideoProbe } from '@/lib/video/media';

export type VideoWorkerRequest =
  | { op: 'open'; rid: number; sid: string; blob: Blob; name: string }
  | { op: 'close'; rid: number; sid: string }
  /**
   * `channel`: a newer request on the same channel makes this one stale. `stream`: each frame is
   * sent as soon as it is ready (a `frame` reply), and the final `frames` reply holds the rest.
   */
  | { op: 'frames'; rid: number; sid: string; timestamps: number[]; maxSidePx: number; cropMask?: CropMask; channel?: string; stream?: boolean }
  | { op: 'scores'; rid: number; sid: string; candidates: FrameInfo[] }
  /** Pixel buffers the page has finished with, for the next frames (no reply). */
  | { op: 'recycle'; rid: number; buffers: ArrayBuffer[] };

/** Running totals of an open video's decoder: pictures decoded, disposable ones skipped, frames left to the fallback. */
export interface DecodeStats {
  fed: number;
  skipped: number;
  fallback: number;
  /** Time spent drawing target frames to bitmaps, and waiting for the final flush, ms. */
  convertMs: number;
  flushMs: number;
}

/** A frame's pixels in transit: a bitmap, or RGBA bytes in a buffer that goes back to the worker's pool. */
export type FramePixels = { bitmap: ImageBitmap } | { rgba: ArrayBuffer; width: number; height: number };

export interface WorkerFrame {
  pixels: FramePixels;
  timestampS: number;
  index: number;
}

export type VideoWorkerReply =
  | { rid: number; op: 'open'; probe: VideoProbe }
  /** One frame of a streamed request, for timestamp `i` of it; the request is still running. */
  | { rid: number; op: 'frame'; i: number; frame: WorkerFrame }
  /** The end of a frame request: frames not streamed (null where there is none, or where it was streamed). */
  | { rid: number; op: 'frames'; frames: (WorkerFrame | null)[]; stats: DecodeStats }
  | { rid: number; op: 'scores'; scores: ChangeScore[] }
  | { rid: number; op: 'stale' }
  | { rid: number; op: 'error'; error: { message: string; kind: string; codec?: string | null } };
