/**
 * Talks to the video worker: opens videos (cached per key, a few at a time), asks for frames and
 * change scores through the supervised worker client: a request that takes far too long restarts
 * the worker and fails with a sentence, so a damaged file can never freeze the tab.
 */
import type { CropMask } from '@/core/video/crop-mask';
import type { ChangeScore, FrameInfo } from '@/core/video/frame-plan';
import type { VideoProbe } from '@/lib/video/media';
import type { DecodeStats, FramePixels, VideoWorkerReply, VideoWorkerRequest, WorkerFrame } from '@/lib/video/protocol';
import { FrameImage, type DecodedFrame } from '@/lib/video/frame-image';
import { createWorkerClient, deadlineFor } from '@/lib/worker-client';
import { defaultOptions } from '@/core/options';

/** Error from the worker, already a sentence for the user. */
export class VideoClientError extends Error {
  constructor(
    message: string,
    readonly kind: string,
    readonly codec?: string | null,
  ) {
    super(message);
    this.name = 'VideoClientError';
  }
}

/** Decoding speed depends on the codec more than on size; the per-MB part covers long files. */
const DEADLINE = defaultOptions.deadlines.video;
const DAMAGED_HINT = 'The file may be damaged; try re-encoding it with ffmpeg.';

const client = createWorkerClient<VideoWorkerRequest, VideoWorkerReply, 'rid'>({
  create: () => new Worker(new URL('../../workers/video.worker.ts', import.meta.url), { type: 'module' }),
  idKey: 'rid',
  deadline: DEADLINE,
  isProgress: (r) => r.op === 'frame',
  // Nobody waits any more: free the frames at once.
  onOrphan: (r) => {
    if (r.op === 'frames') for (const f of r.frames) if (f) imageOf(f.pixels).close();
    if (r.op === 'frame') imageOf(r.frame.pixels).close();
  },
  makeError: (message) => new VideoClientError(message, 'damaged'),
});

/** The page's side of a frame; closing it sends a pooled buffer back to the worker for the next frame. */
function imageOf(pixels: FramePixels): FrameImage {
  return new FrameImage(pixels, (buffer) => client.post({ op: 'recycle', rid: 0, buffers: [buffer] } satisfies VideoWorkerRequest, [buffer]));
}

function request(req: DistributiveOmit<VideoWorkerRequest, 'rid'>, deadlineMs: number, what: string, onProgress?: (r: VideoWorkerReply) => void): Promise<VideoWorkerReply> {
  return client.request(req, { what, deadlineMs, timeoutHint: DAMAGED_HINT, onProgress });
}

function decoded(f: WorkerFrame): DecodedFrame {
  return { image: imageOf(f.pixels), timestampS: f.timestampS, index: f.index };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function unwrap<T extends VideoWorkerReply['op']>(r: VideoWorkerReply, op: T): Extract<VideoWorkerReply, { op: T }> {
  if (r.op === 'error') throw new VideoClientError(r.error.message, r.error.kind, r.error.codec);
  if (r.op !== op) throw new VideoClientError('The video decoder gave an unexpected answer; reload the page.', 'damaged');
  return r as Extract<VideoWorkerReply, { op: T }>;
}

export interface FrameRequest {
  maxSidePx: number;
  cropMask?: CropMask;
  /** A newer request on the same channel makes this one resolve to 'stale'. */
  channel?: string;
  /**
   * Sees each frame as soon as it is decoded (`i`: its place in the timestamps), while the rest
   * still decode: draw or encode it there and then. It is the frame the request resolves with, so
   * keep and close it from there; a request that fails or goes stale closes the ones it showed.
   */
  onFrame?: (i: number, frame: DecodedFrame) => void;
}

/** An open video in the worker. */
export class VideoHandle {
  private openedIn = -1;
  /** Requests under way; a busy handle is never closed to make room for another video. */
  busy = 0;
  private opening?: Promise<VideoProbe>;
  /** The decoder's totals after the last frame request (for the benchmark). */
  stats?: DecodeStats;
  constructor(
    readonly sid: string,
    private readonly blob: Blob,
    readonly name: string,
  ) {}

  /** Opens (or reopens after a worker restart) and returns the probe. */
  probe(): Promise<VideoProbe> {
    if (this.opening && this.openedIn === client.generation()) return this.opening;
    this.openedIn = client.generation();
    this.opening = request({ op: 'open', sid: this.sid, blob: this.blob, name: this.name }, Math.max(120_000, deadlineFor(this.blob.size, DEADLINE)), `Opening "${this.name}"`).then((r) => unwrap(r, 'open').probe);
    this.opening.catch(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  /** Frames shown at these timestamps, in the same order (null where there is none). The caller closes each frame's image. */
  async frames(timestamps: number[], opts: FrameRequest): Promise<(DecodedFrame | null)[] | 'stale'> {
    return this.using(async () => {
      await this.probe();
      const { onFrame } = opts;
      const streamed: (DecodedFrame | undefined)[] = [];
      const onProgress = onFrame
        ? (r: VideoWorkerReply) => {
            if (r.op !== 'frame') return;
            const f = (streamed[r.i] = decoded(r.frame));
            onFrame(r.i, f);
          }
        : undefined;
      const req = { op: 'frames', sid: this.sid, timestamps, maxSidePx: opts.maxSidePx, cropMask: opts.cropMask, channel: opts.channel, stream: onFrame !== undefined } as const;
      try {
        const r = await request(req, deadlineFor(this.blob.size, DEADLINE), `Decoding "${this.name}"`, onProgress);
        if (r.op === 'stale') throw STALE;
        const got = unwrap(r, 'frames');
        this.stats = got.stats;
        return got.frames.map((f, i) => streamed[i] ?? (f ? decoded(f) : null));
      } catch (e) {
        // Frames already handed out belong to a request that failed or went stale: nobody will close them.
        for (const f of streamed) f?.image.close();
        if (e === STALE) return 'stale' as const;
        throw e;
      }
    });
  }

  async changeScores(candidates: FrameInfo[]): Promise<ChangeScore[]> {
    return this.using(async () => {
      await this.probe();
      const r = await request({ op: 'scores', sid: this.sid, candidates }, Math.max(180_000, deadlineFor(this.blob.size, DEADLINE) * 3), `Scoring "${this.name}"`);
      return unwrap(r, 'scores').scores;
    });
  }

  private async using<T>(work: () => Promise<T>): Promise<T> {
    this.busy += 1;
    try {
      return await work();
    } finally {
      this.busy -= 1;
      trimOpenVideos();
    }
  }

  close() {
    if (this.openedIn === client.generation()) client.post({ op: 'close', rid: 0, sid: this.sid } satisfies VideoWorkerRequest);
    this.opening = undefined;
  }
}

const STALE = Symbol('stale');

const open = new Map<string, VideoHandle>();
const MAX_OPEN = 3;

/** The handle for a video (one per key, e.g. the asset id); the oldest is closed past a few. */
export function openVideo(key: string, blob: Blob, name: string): VideoHandle {
  let h = open.get(key);
  if (h) {
    open.delete(key);
    open.set(key, h);
    return h;
  }
  h = new VideoHandle(key, blob, name);
  open.set(key, h);
  // The new handle is about to be used: make room among the others only.
  h.busy += 1;
  trimOpenVideos();
  h.busy -= 1;
  return h;
}

/**
 * Closes the least recently used idle videos past the limit. Videos being read stay open even
 * when a batch reads more at once than the limit, and are closed once they are idle.
 */
function trimOpenVideos() {
  for (const [key, h] of open) {
    if (open.size <= MAX_OPEN) return;
    if (h.busy > 0) continue;
    open.delete(key);
    h.close();
  }
}

/** Number of requests waiting for the worker (for memory checks while scrubbing). */
export function pendingRequests(): number {
  return client.pendingCount();
}
