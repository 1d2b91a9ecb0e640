/**
 * The video seam: the only module that imports mediabunny. Demuxes MP4/MOV/WebM/Matroska and
 * decodes with WebCodecs (in a worker or a page). Frame indices and timestamps come from the
 * file's own packets in presentation order, never from "time × fps".
 */
import { ALL_FORMATS, BlobSource, BufferTarget, CanvasSink, CanvasSource, EncodedPacketSink, Input, Output, QUALITY_HIGH, WebMOutputFormat, type InputVideoTrack } from 'mediabunny';
import type { FrameInfo } from '@/core/video/frame-plan';
import { findHoles, type VideoHole } from '@/core/video/holes';
import { rectToPx, type CropMask } from '@/core/video/crop-mask';

export interface VideoProbe {
  /** mediabunny's codec id: 'avc', 'hevc', 'vp8', 'vp9', 'av1', 'prores', or null when unknown. */
  codec: string | null;
  codecString: string | null;
  codedWidth: number;
  codedHeight: number;
  /** Size as shown: after pixel aspect and rotation. */
  displayWidth: number;
  displayHeight: number;
  rotation: number;
  pixelAspect: { num: number; den: number };
  durationS: number;
  frames: FrameInfo[];
  /** Packets that share a timestamp with a later one (not separately addressable). */
  sharedTimestampPackets: number;
  /** Stretches the demuxer could not read (damaged data skipped); frame indices count across them. */
  holes: VideoHole[];
}

/** A problem with a video, as a sentence a user can act on. */
export class VideoError extends Error {
  constructor(
    message: string,
    readonly kind: 'unsupported-codec' | 'unreadable' | 'no-video' | 'damaged',
    readonly codec?: string | null,
  ) {
    super(message);
    this.name = 'VideoError';
  }
}

const CODEC_NAMES: Record<string, string> = {
  avc: 'H.264 (AVC)',
  hevc: 'HEVC (H.265)',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  prores: 'Apple ProRes',
};

export function codecName(codec: string | null | undefined): string {
  return codec ? (CODEC_NAMES[codec] ?? codec) : 'an unknown codec';
}

export const REENCODE_H264 = 'ffmpeg -i in.mp4 -c:v libx264 -pix_fmt yuv420p out.mp4';
export const REENCODE_VP9 = 'ffmpeg -i in.mp4 -c:v libvpx-vp9 -b:v 0 -crf 32 out.webm';

export function unsupportedCodecMessage(fileName: string, codec: string | null): string {
  return `"${fileName}" uses ${codecName(codec)}, which this browser cannot decode. Re-encode it to H.264 with \`${REENCODE_H264}\` (or to VP9 with \`${REENCODE_VP9}\`) and add the new file.`;
}

/** An open video: demuxer, track and frame table, reused for many frame requests. */
export class VideoSession {
  private sinks = new Map<string, CanvasSink>();
  /** A second demuxer on the same file, so two decoders can work on far-apart frames at once. */
  private second?: Promise<{ input: Input; track: InputVideoTrack }>;
  private readonly keyTimes: Set<number>;
  private constructor(
    readonly name: string,
    private readonly blob: Blob,
    private readonly input: Input,
    private readonly track: InputVideoTrack,
    readonly probe: VideoProbe,
  ) {
    this.keyTimes = new Set(probe.frames.filter((f) => f.key).map((f) => f.timestampS));
  }

  /** Opens a video and reads its frame table. Throws `VideoError` with a sentence. */
  static async open(blob: Blob, name: string): Promise<VideoSession> {
    const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
    try {
      let track: InputVideoTrack | null;
      try {
        if (!(await input.canRead())) throw new Error('unknown format');
        track = await input.getPrimaryVideoTrack();
      } catch {
        throw new VideoError(`"${name}" could not be read as a video: it is damaged or not MP4, MOV, WebM or Matroska. Check that the file plays in a video player, then add it again.`, 'unreadable');
      }
      if (!track) throw new VideoError(`"${name}" has no video track (audio only?), so there are no frames to show.`, 'no-video');
      const codec = await track.getCodec();
      let decodable = false;
      try {
        decodable = await track.canDecode();
      } catch {
        decodable = false;
      }
      if (!decodable) throw new VideoError(unsupportedCodecMessage(name, codec), 'unsupported-codec', codec);
      const probe = await readProbe(track, name, codec);
      return new VideoSession(name, blob, input, track, probe);
    } catch (e) {
      input.dispose();
      throw e;
    }
  }

  private async laneTrack(lane: number): Promise<InputVideoTrack> {
    if (lane === 0) return this.track;
    this.second ??= (async () => {
      const input = new Input({ source: new BlobSource(this.blob), formats: ALL_FORMATS });
      const track = await input.getPrimaryVideoTrack();
      if (!track) throw new VideoError(`"${this.name}" could not be read a second time.`, 'damaged');
      return { input, track };
    })();
    return (await this.second).track;
  }

  private async sink(maxSidePx: number, crop: CropMask | undefined, alpha: boolean, lane = 0): Promise<CanvasSink> {
    const key = `${lane}|${maxSidePx}|${crop?.mode === 'crop' ? JSON.stringify(crop.rect) : ''}|${alpha}`;
    let s = this.sinks.get(key);
    if (!s) {
      const { displayWidth: dw, displayHeight: dh } = this.probe;
      const region = crop?.mode === 'crop' ? rectToPx(crop.rect, dw, dh) : { x: 0, y: 0, w: dw, h: dh };
      const scale = Math.min(1, maxSidePx / Math.max(region.w, region.h));
      s = new CanvasSink(await this.laneTrack(lane), {
        width: Math.max(1, Math.round(region.w * scale)),
        height: Math.max(1, Math.round(region.h * scale)),
        fit: 'fill',
        alpha,
        crop: crop?.mode === 'crop' ? { left: region.x, top: region.y, width: region.w, height: region.h } : undefined,
        // A small ring of canvases keeps memory flat however long the video; callers copy out.
        poolSize: 2,
      });
      if (this.sinks.size > 8) this.sinks.clear();
      this.sinks.set(key, s);
    }
    return s;
  }

  /**
   * Decodes the frames shown at `timestamps` (sorted or not), scaled so the longest side is at most
   * `maxSidePx`, cropped or masked. `onFrame` gets each frame's bitmap (caller closes it) in request order.
   */
  async frames(
    timestamps: readonly number[],
    opts: { maxSidePx: number; cropMask?: CropMask; alpha?: boolean; isStale?: () => boolean },
    onFrame: (i: number, f: { bitmap: ImageBitmap; timestampS: number; index: number } | null) => void,
  ): Promise<void> {
    const order = timestamps.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t);
    // Far-apart frames need separate decodes from their own key frames: two decoders share
    // that work (sorted halves, so each still decodes every packet at most once).
    const spanS = order.length ? order[order.length - 1].t - order[0].t : 0;
    // Key frames alone are one decode each: a second decoder only adds overhead there.
    const allKey = order.every((o) => this.keyTimes.has(o.t));
    const lanes = !allKey && order.length >= 4 && spanS > 4 ? [order.slice(0, Math.ceil(order.length / 2)), order.slice(Math.ceil(order.length / 2))] : [order];
    await Promise.all(lanes.map((part, lane) => this.lane(part, lane, opts, onFrame)));
  }

  private async lane(
    order: { t: number; i: number }[],
    lane: number,
    opts: { maxSidePx: number; cropMask?: CropMask; alpha?: boolean; isStale?: () => boolean },
    onFrame: (i: number, f: { bitmap: ImageBitmap; timestampS: number; index: number } | null) => void,
  ): Promise<void> {
    let k = 0;
    try {
      const sink = await this.sink(opts.maxSidePx, opts.cropMask, opts.alpha ?? false, lane);
      for await (const wc of sink.canvasesAtTimestamps(order.map((o) => o.t))) {
        const slot = order[k++];
        if (!wc) {
          onFrame(slot.i, null);
        } else {
          const canvas = wc.canvas;
          if (opts.cropMask?.mode === 'mask') {
            const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
            const p = rectToPx(opts.cropMask.rect, canvas.width, canvas.height);
            ctx.fillStyle = '#000';
            ctx.fillRect(p.x, p.y, p.w, p.h);
          }
          // A copy: the sink reuses its small pool of canvases for the next frames.
          const bitmap = await createImageBitmap(canvas);
          onFrame(slot.i, { bitmap, timestampS: wc.timestamp, index: indexAt(this.probe.frames, wc.timestamp) });
        }
        if (opts.isStale?.()) break;
      }
    } catch (e) {
      if (e instanceof VideoError) throw e;
      throw new VideoError(`"${this.name}" could not be decoded near t = ${order[Math.min(k, order.length - 1)]?.t.toFixed(2) ?? '?'} s: the file looks damaged. Try re-encoding it with \`${REENCODE_H264}\`.`, 'damaged');
    }
  }

  /**
   * Change scores for scene-change plans: each candidate frame against the previous candidate,
   * compared as 32×18 grey thumbnails.
   */
  async changeScores(candidates: readonly FrameInfo[]): Promise<{ index: number; score: number }[]> {
    const sink = new CanvasSink(this.track, { width: 32, height: 18, fit: 'fill', poolSize: 1 });
    const out: { index: number; score: number }[] = [];
    let prev: Uint8Array | undefined;
    let k = 0;
    for await (const wc of sink.canvasesAtTimestamps(candidates.map((c) => c.timestampS))) {
      const c = candidates[k++];
      if (!wc) continue;
      const ctx = wc.canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
      const px = ctx.getImageData(0, 0, 32, 18).data;
      const luma = new Uint8Array(32 * 18);
      for (let i = 0; i < luma.length; i++) luma[i] = Math.round(0.299 * px[i * 4] + 0.587 * px[i * 4 + 1] + 0.114 * px[i * 4 + 2]);
      let score = 1;
      if (prev) {
        let sum = 0;
        for (let i = 0; i < luma.length; i++) sum += Math.abs(luma[i] - prev[i]);
        score = sum / (luma.length * 255);
      }
      out.push({ index: c.index, score });
      prev = luma;
    }
    return out;
  }

  close() {
    this.sinks.clear();
    this.input.dispose();
    void this.second?.then((x) => x.input.dispose()).catch(() => undefined);
  }
}

function indexAt(frames: readonly FrameInfo[], t: number): number {
  // Last frame starting at or before t (decoded timestamps are rounded to µs).
  let lo = 0;
  let hi = frames.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frames[mid].timestampS <= t + 1e-6) lo = mid;
    else hi = mid - 1;
  }
  return frames[lo].index;
}

async function readProbe(track: InputVideoTrack, name: string, codec: string | null): Promise<VideoProbe> {
  const times: number[] = [];
  const keyTimes = new Set<number>();
  let lastEnd = 0;
  try {
    const sink = new EncodedPacketSink(track);
    for await (const p of sink.packets(undefined, undefined, { metadataOnly: true })) {
      times.push(p.timestamp);
      if (p.type === 'key') keyTimes.add(p.timestamp);
      lastEnd = Math.max(lastEnd, p.timestamp + p.duration);
    }
  } catch {
    if (times.length === 0) throw new VideoError(`"${name}" could not be read: its video data is damaged. Check that the file plays in a video player, then add it again.`, 'damaged', codec);
    // A truncated file keeps the frames read so far.
  }
  if (times.length === 0) throw new VideoError(`"${name}" has a video track without any frames.`, 'no-video', codec);
  times.sort((a, b) => a - b);
  // Some captures (browser MediaRecorder) give several frames one timestamp; only the last of
  // them is ever shown at that time, so the table keeps one frame per timestamp.
  const unique = times.filter((t, i) => i === times.length - 1 || times[i + 1] - t > 1e-7);
  // Damaged stretches are skipped by the demuxer: frames after one keep their true numbers.
  const { indices, holes } = findHoles(unique);
  const frames: FrameInfo[] = unique.map((t, i) => (keyTimes.has(t) ? { index: indices[i], timestampS: t, key: true } : { index: indices[i], timestampS: t }));
  const [codedWidth, codedHeight, displayWidth, displayHeight, rotation, par, codecString] = await Promise.all([
    track.getCodedWidth(),
    track.getCodedHeight(),
    track.getDisplayWidth(),
    track.getDisplayHeight(),
    track.getRotation(),
    track.getPixelAspectRatio(),
    track.getCodecParameterString(),
  ]);
  return {
    codec,
    codecString,
    codedWidth,
    codedHeight,
    displayWidth,
    displayHeight,
    rotation,
    pixelAspect: { num: par.num, den: par.den },
    durationS: Math.max(lastEnd, times[times.length - 1]),
    frames,
    sharedTimestampPackets: times.length - unique.length,
    holes,
  };
}

/**
 * Encodes 8-bit RGB frames as a VP8 WebM with WebCodecs (used to make the sample project's video
 * in the browser: encoders differ between machines, so it is not shipped as bytes).
 */
export async function encodeRgbFramesToWebm(frames: readonly Uint8Array[], o: { width: number; height: number; fps: number }): Promise<Blob> {
  const canvas = new OffscreenCanvas(o.width, o.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser has no 2D canvas to draw video frames on.');
  const target = new BufferTarget();
  const output = new Output({ format: new WebMOutputFormat(), target });
  const source = new CanvasSource(canvas, { codec: 'vp8', bitrate: QUALITY_HIGH, keyFrameInterval: 1 });
  output.addVideoTrack(source, { frameRate: o.fps });
  await output.start();
  const rgba = new Uint8ClampedArray(o.width * o.height * 4);
  for (let i = 0; i < frames.length; i++) {
    const rgb = frames[i];
    for (let p = 0, q = 0; p < rgba.length; p += 4, q += 3) {
      rgba[p] = rgb[q];
      rgba[p + 1] = rgb[q + 1];
      rgba[p + 2] = rgb[q + 2];
      rgba[p + 3] = 255;
    }
    ctx.putImageData(new ImageData(rgba, o.width, o.height), 0, 0);
    await source.add(i / o.fps, 1 / o.fps);
  }
  await output.finalize();
  return new Blob([target.buffer!], { type: 'video/webm' });
}
