/**
 * Page-side parts of `bench/video-sampling.bench.ts`: make a long test video, then sample it with
 * the app's decoder and with the baseline (seek an HTML video element and draw it).
 */
import { ALL_FORMATS, BlobSource, BufferTarget, CanvasSource, EncodedPacketSink, Input, Mp4OutputFormat, Output, WebMOutputFormat } from 'mediabunny';
import { openVideo, pendingRequests } from '@/lib/video/client';
import { keyFramePreview, planFrames, type FramePlan } from '@/core/video/frame-plan';

export async function pickCodec(width: number, height: number): Promise<'avc' | 'vp9'> {
  const avc = await VideoEncoder.isConfigSupported({ codec: 'avc1.640028', width, height }).catch(() => ({ supported: false }));
  return avc.supported ? 'avc' : 'vp9';
}

/** A video with moving content (so frames differ), encoded in real-time mode to keep generation short. */
export async function makeLongVideo(o: { seconds: number; fps: number; width: number; height: number; bitrate: number; keyFrameIntervalS: number }) {
  const codec = await pickCodec(o.width, o.height);
  const t0 = performance.now();
  const canvas = new OffscreenCanvas(o.width, o.height);
  const ctx = canvas.getContext('2d')!;
  const target = new BufferTarget();
  const output = new Output({ format: codec === 'avc' ? new Mp4OutputFormat() : new WebMOutputFormat(), target });
  const source = new CanvasSource(canvas, { codec, bitrate: o.bitrate, keyFrameInterval: o.keyFrameIntervalS, latencyMode: 'realtime' });
  output.addVideoTrack(source, { frameRate: o.fps });
  await output.start();
  const n = Math.round(o.seconds * o.fps);
  for (let i = 0; i < n; i++) {
    const hue = (i * 360) / n;
    ctx.fillStyle = `hsl(${hue} 60% 35%)`;
    ctx.fillRect(0, 0, o.width, o.height);
    ctx.fillStyle = '#eee';
    const x = ((i * 13) % o.width) | 0;
    ctx.fillRect(x, o.height * 0.3, o.width * 0.08, o.height * 0.4);
    ctx.font = `bold ${Math.round(o.height / 8)}px sans-serif`;
    ctx.fillText(`frame ${i}`, o.width * 0.05, o.height * 0.2);
    await source.add(i / o.fps, 1 / o.fps);
  }
  await output.finalize();
  const blob = new Blob([target.buffer!], { type: codec === 'avc' ? 'video/mp4' : 'video/webm' });
  return { blob, codec, frames: n, encodeMs: performance.now() - t0, sizeBytes: blob.size };
}

let seq = 0;

/** Which frames a benchmark case asks for. */
export type BenchPlan = {
  plan: FramePlan;
  preview?: 'key-frames';
  /** Longest side of the frames handed out (default: full size). */
  maxSidePx?: number;
};

/** Our decoder: open, read the frame table, decode the plan's frames at full size and draw each once, as it arrives. */
export async function sampleOurs(blob: Blob, bp: BenchPlan) {
  const t0 = performance.now();
  const h = openVideo(`bench-${seq++}`, blob, 'bench');
  const probe = await h.probe();
  const probeMs = performance.now() - t0;
  const planned = planFrames(bp.plan, probe.frames);
  const picked = bp.preview === 'key-frames' ? keyFramePreview(planned, probe.frames).map((p) => p.shown) : planned;
  // Each frame is drawn as it arrives, while the rest decode, as the app's run does with its encoding.
  let ctx: OffscreenCanvasRenderingContext2D | undefined;
  let drawn = 0;
  const frames = await h.frames(picked.map((p) => p.timestampS), {
    maxSidePx: bp.maxSidePx ?? Math.max(probe.displayWidth, probe.displayHeight),
    onFrame: (_, f) => {
      ctx ??= new OffscreenCanvas(f.image.width, f.image.height).getContext('2d')!;
      f.image.draw(ctx);
      drawn++;
    },
  });
  const decodeMs = performance.now() - t0 - probeMs;
  if (frames === 'stale') throw new Error('stale');
  let got = 0;
  let exact = 0;
  frames.forEach((f, i) => {
    if (!f) return;
    if (f.index === picked[i].index) exact++;
    f.image.close();
    got++;
  });
  if (drawn !== got) throw new Error(`${got} frames came back but ${drawn} were streamed`);
  const ms = performance.now() - t0;
  const stats = h.stats;
  h.close();
  return {
    ms,
    got,
    exact,
    indices: picked.map((p) => p.index),
    timestamps: picked.map((p) => p.timestampS),
    plannedTimestamps: planned.map((p) => p.timestampS),
    probeMs,
    decodeMs,
    stats,
    keyFrames: probe.frames.filter((f) => f.key).length,
    frameCount: probe.frames.length,
  };
}

/**
 * The decoding floor for these frames: every picture from each target's key frame up to the target
 * fed to one WebCodecs decoder, output frames closed unseen (no conversion, no drawing), one flush.
 * Any way of getting the exact frames decodes at least these pictures.
 */
export async function decodeFloor(blob: Blob, timestamps: number[]) {
  const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
  const track = (await input.getPrimaryVideoTrack())!;
  const config = (await track.getDecoderConfig())!;
  const sink = new EncodedPacketSink(track);
  // Runs of packets to decode: from the key frame before a target up to the last target it serves.
  const runs: { from: number; to: number }[] = [];
  for (const t of [...timestamps].sort((a, b) => a - b)) {
    const key = (await sink.getKeyPacket(t + 0.001))!;
    const last = runs[runs.length - 1];
    if (last && last.from === key.timestamp) last.to = t;
    else runs.push({ from: key.timestamp, to: t });
  }
  let decoded = 0;
  const t0 = performance.now();
  const decoder = new VideoDecoder({ output: (f) => (decoded++, f.close()), error: () => undefined });
  decoder.configure(config);
  for (const r of runs) {
    const start = (await sink.getPacket(r.from))!;
    for await (const p of sink.packets(start)) {
      if (p.timestamp > r.to + 0.001 && p.type === 'key') break;
      decoder.decode(p.toEncodedVideoChunk());
      if (p.timestamp >= r.to - 0.001 && p.timestamp <= r.to + 0.001) break;
    }
  }
  await decoder.flush();
  const ms = performance.now() - t0;
  decoder.close();
  input.dispose();
  return { ms, decoded };
}

/** Baseline: an HTML video element seeked to each time (the same frames), then drawn to a canvas. */
export async function sampleBaseline(blob: Blob, timestamps: number[], maxSidePx?: number) {
  const t0 = performance.now();
  const url = URL.createObjectURL(blob);
  const v = document.createElement('video');
  v.muted = true;
  v.preload = 'auto';
  v.src = url;
  await new Promise<void>((res, rej) => {
    v.onloadedmetadata = () => res();
    v.onerror = () => rej(new Error('video element could not load the file'));
  });
  // Drawn at the size our decoder hands out, so both do the same scaling.
  const scale = Math.min(1, (maxSidePx ?? Infinity) / Math.max(v.videoWidth, v.videoHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(v.videoWidth * scale));
  canvas.height = Math.max(1, Math.round(v.videoHeight * scale));
  const ctx = canvas.getContext('2d')!;
  for (const ts of timestamps) {
    // 1 ms into the frame, so rounding cannot land on the frame before.
    const t = ts + 0.001;
    await new Promise<void>((res) => {
      v.onseeked = () => res();
      v.currentTime = t;
    });
    ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
  }
  const ms = performance.now() - t0;
  v.removeAttribute('src');
  v.load();
  URL.revokeObjectURL(url);
  return { ms, got: timestamps.length };
}

/** Scrubs through a video like a user dragging the slider, reporting memory as it goes. */
export async function scrub(blob: Blob, steps: number, report: number) {
  const h = openVideo(`scrub-${seq++}`, blob, 'scrub');
  const probe = await h.probe();
  const mem = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
  const samples: { step: number; heapMB: number; pending: number; openBitmaps: number }[] = [];
  let open = 0;
  const t0 = performance.now();
  let done = 0;
  for (let s = 0; s < steps; s++) {
    // A drag goes forward with occasional jumps back.
    const idx = Math.floor(((s * 7919) % steps) / steps * probe.frames.length);
    const p = h.frames([probe.frames[idx].timestampS], { maxSidePx: 1280, channel: 'scrub' }).then((r) => {
      if (r !== 'stale') for (const f of r) if (f) {
        open++;
        f.image.close();
        open--;
      }
      done++;
    });
    // Fire several requests before waiting, as fast pointer moves do; most become stale.
    if (s % 4 === 3) await p;
    if ((s + 1) % report === 0) samples.push({ step: s + 1, heapMB: mem() / 1e6, pending: pendingRequests(), openBitmaps: open });
  }
  while (pendingRequests() > 0) await new Promise((r) => setTimeout(r, 20));
  h.close();
  return { ms: performance.now() - t0, frames: probe.frames.length, durationS: probe.durationS, samples, done };
}
