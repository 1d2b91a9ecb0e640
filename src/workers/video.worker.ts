/// <reference lib="webworker" />
/**
 * Video decoding off the main thread. Holds open sessions (one per video), answers frame and
 * change-score requests one at a time, and drops requests on a channel that a newer request on
 * the same channel has replaced (fast scrubbing must not queue hundreds of decodes).
 */
import { VideoError, VideoSession, pixelPool, releasePixels, transferablesOf } from '@/lib/video/media';
import type { VideoWorkerReply, VideoWorkerRequest, WorkerFrame } from '@/lib/video/protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const sessions = new Map<string, Promise<VideoSession>>();
const latestOnChannel = new Map<string, number>();
let chain: Promise<void> = Promise.resolve();

function reply(msg: VideoWorkerReply, transfer: Transferable[] = []) {
  scope.postMessage(msg, transfer);
}

function errorText(e: unknown): { message: string; kind: string; codec?: string | null } {
  if (e instanceof VideoError) return { message: e.message, kind: e.kind, codec: e.codec };
  return { message: 'The video could not be decoded: the file looks damaged or uses a feature this browser does not support.', kind: 'damaged' };
}

async function handle(req: VideoWorkerRequest) {
  switch (req.op) {
    case 'open': {
      let p = sessions.get(req.sid);
      if (!p) {
        p = VideoSession.open(req.blob, req.name);
        sessions.set(req.sid, p);
        p.catch(() => sessions.delete(req.sid));
      }
      try {
        const s = await p;
        reply({ rid: req.rid, op: 'open', probe: s.probe });
      } catch (e) {
        reply({ rid: req.rid, op: 'error', error: errorText(e) });
      }
      return;
    }
    case 'close': {
      const p = sessions.get(req.sid);
      sessions.delete(req.sid);
      p?.then((s) => s.close()).catch(() => undefined);
      return;
    }
    case 'frames': {
      const isStale = () => req.channel !== undefined && latestOnChannel.get(req.channel) !== req.rid;
      if (isStale()) return reply({ rid: req.rid, op: 'stale' });
      try {
        const s = await sessions.get(req.sid);
        if (!s) throw new VideoError('The video was closed before its frames were read; open it again.', 'damaged');
        const frames: (WorkerFrame | null)[] = new Array(req.timestamps.length).fill(null);
        await s.frames(req.timestamps, { maxSidePx: req.maxSidePx, cropMask: req.cropMask, isStale }, (i, f) => {
          // Streamed frames go out at once, so the page draws or encodes them while the rest decode.
          if (req.stream && f && !isStale()) reply({ rid: req.rid, op: 'frame', i, frame: f }, transferablesOf(f.pixels));
          else frames[i] = f;
        });
        if (isStale()) {
          for (const f of frames) if (f) releasePixels(f.pixels);
          return reply({ rid: req.rid, op: 'stale' });
        }
        const transfer = frames.flatMap((f) => (f ? transferablesOf(f.pixels) : []));
        reply({ rid: req.rid, op: 'frames', frames, stats: { ...s.stats } }, transfer);
      } catch (e) {
        reply({ rid: req.rid, op: 'error', error: errorText(e) });
      }
      return;
    }
    case 'scores': {
      try {
        const s = await sessions.get(req.sid);
        if (!s) throw new VideoError('The video was closed before it was scored; open it again.', 'damaged');
        reply({ rid: req.rid, op: 'scores', scores: await s.changeScores(req.candidates) });
      } catch (e) {
        reply({ rid: req.rid, op: 'error', error: errorText(e) });
      }
    }
  }
}

scope.onmessage = (ev: MessageEvent<VideoWorkerRequest>) => {
  const req = ev.data;
  if (req.op === 'frames' && req.channel) latestOnChannel.set(req.channel, req.rid);
  if (req.op === 'recycle') {
    for (const b of req.buffers) pixelPool.give(b);
    return;
  }
  if (req.op === 'open' || req.op === 'close') {
    void handle(req);
    return;
  }
  chain = chain.then(() => handle(req));
};
