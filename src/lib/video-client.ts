/**
 * Talks to the video worker: opens videos (cached per key, a few at a time), asks for frames and
 * change scores. A request that takes far too long restarts the worker and fails with a sentence,
 * so a damaged file can never freeze the tab.
 */
import type { CropMask } from '@/core/video/crop-mask';
import type { ChangeScore, FrameInfo } from '@/core/video/frame-plan';
import type { VideoProbe } from '@/lib/media';
import type { DecodedFrame, VideoWorkerReply, VideoWorkerRequest } from '@/lib/video-protocol';

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

type Pending = { resolve: (r: VideoWorkerReply) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout>; what: string };

let worker: Worker | undefined;
let generation = 0;
let nextRid = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../workers/video.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (ev: MessageEvent<VideoWorkerReply>) => {
    const p = pending.get(ev.data.rid);
    if (!p) {
      // Nobody waits any more: free the frames at once.
      if (ev.data.op === 'frames') for (const f of ev.data.frames) f?.bitmap.close();
      return;
    }
    pending.delete(ev.data.rid);
    clearTimeout(p.timer);
    p.resolve(ev.data);
  };
  worker.onerror = () => restartWorker('The video decoder stopped unexpectedly; the file may be damaged.');
  return worker;
}

function restartWorker(message: string) {
  worker?.terminate();
  worker = undefined;
  generation++;
  for (const [, p] of pending) {
    clearTimeout(p.timer);
    p.reject(new VideoClientError(`${p.what}: ${message}`, 'damaged'));
  }
  pending.clear();
}

function request(req: DistributiveOmit<VideoWorkerRequest, 'rid'>, timeoutMs: number, what: string): Promise<VideoWorkerReply> {
  const w = getWorker();
  const rid = nextRid++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => restartWorker(`decoding took more than ${Math.round(timeoutMs / 1000)} s, so it was stopped. The file may be damaged; try re-encoding it with ffmpeg.`),
      timeoutMs,
    );
    pending.set(rid, { resolve, reject, timer, what });
    w.postMessage({ ...req, rid } as VideoWorkerRequest);
  });
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
}

/** An open video in the worker. */
export class VideoHandle {
  private openedIn = -1;
  /** Requests under way; a busy handle is never closed to make room for another video. */
  busy = 0;
  private opening?: Promise<VideoProbe>;
  constructor(
    readonly sid: string,
    private readonly blob: Blob,
    readonly name: string,
  ) {}

  /** Opens (or reopens after a worker restart) and returns the probe. */
  probe(): Promise<VideoProbe> {
    if (this.opening && this.openedIn === generation) return this.opening;
    this.openedIn = generation;
    this.opening = request({ op: 'open', sid: this.sid, blob: this.blob, name: this.name }, 120_000, `Opening "${this.name}"`).then((r) => unwrap(r, 'open').probe);
    this.opening.catch(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  /** Frames shown at these timestamps, in the same order (null where there is none). The caller closes the bitmaps. */
  async frames(timestamps: number[], opts: FrameRequest): Promise<(DecodedFrame | null)[] | 'stale'> {
    return this.using(async () => {
      await this.probe();
      const r = await request({ op: 'frames', sid: this.sid, timestamps, maxSidePx: opts.maxSidePx, cropMask: opts.cropMask, channel: opts.channel }, 60_000, `Decoding "${this.name}"`);
      if (r.op === 'stale') return 'stale' as const;
      return unwrap(r, 'frames').frames;
    });
  }

  async changeScores(candidates: FrameInfo[]): Promise<ChangeScore[]> {
    return this.using(async () => {
      await this.probe();
      const r = await request({ op: 'scores', sid: this.sid, candidates }, 180_000, `Scoring "${this.name}"`);
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
    if (worker && this.openedIn === generation) worker.postMessage({ op: 'close', rid: nextRid++, sid: this.sid } satisfies VideoWorkerRequest);
    this.opening = undefined;
  }
}

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
  return pending.size;
}
