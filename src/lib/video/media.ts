/**
 * The video seam: the only module that imports mediabunny. Demuxes MP4/MOV/WebM/Matroska and
 * decodes with WebCodecs (in a worker or a page). Frame indices and timestamps come from the
 * file's own packets in presentation order, never from "time × fps".
 */
import { ALL_FORMATS, BlobSource, BufferTarget, CanvasSink, CanvasSource, EncodedPacket, EncodedPacketSink, Input, Output, QUALITY_HIGH, WebMOutputFormat, type InputVideoTrack } from 'mediabunny';
import type { FrameInfo } from '@/core/video/frame-plan';
import { findHoles, type VideoHole } from '@/core/video/holes';
import { applyMaskRgba, rectToPx, type CropMask, type PxRect } from '@/core/video/crop-mask';
import { yuvMatrix, yuvToRgba } from '@/core/video/yuv-scale';
import { avcIsDisposable, avcLengthSize } from '@/core/video/nal';
import { feedOrder, resolveTargets, type PacketSource } from '@/lib/video/feed-order';
import { PixelPool } from '@/lib/video/pixel-pool';
import { defaultOptions } from '@/core/options';
import type { FramePixels, WorkerFrame } from '@/lib/video/protocol';

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

/** Options of one frame request. */
export interface FrameOptions {
  maxSidePx: number;
  cropMask?: CropMask;
  alpha?: boolean;
  isStale?: () => boolean;
}

export type FrameCallback = (i: number, f: WorkerFrame | null) => void;

/** Frame buffers come back from the page and are reused (see `PixelPool`). */
export const pixelPool = new PixelPool(defaultOptions.video.pixelPoolMaxIdleMB * 1024 * 1024, defaultOptions.video.pixelPoolReleaseMs);

/** An open video: demuxer, track and frame table, reused for many frame requests. */
export class VideoSession {
  private sinks = new Map<string, CanvasSink>();
  /** The video's one decoder, fed packets straight from the demuxer (undefined: not tried yet). */
  private exact?: Promise<ExactDecoder | null>;
  /** Counters for the benchmark: pictures decoded, skipped as disposable, and frames that needed the fallback. */
  readonly stats = { fed: 0, skipped: 0, fallback: 0, convertMs: 0, flushMs: 0 };
  private constructor(
    readonly name: string,
    private readonly input: Input,
    private readonly track: InputVideoTrack,
    readonly probe: VideoProbe,
  ) {}

  /** Opens a video and reads its frame table. Throws `VideoError` with a sentence. */
  static async open(blob: Blob, name: string): Promise<VideoSession> {
    // Sliced reads, not a stream reader: frame requests seek, and a stream opened at each new
    // position waits longer for its first bytes (17 ms before a seek's first packet, against 5 ms).
    const input = new Input({ source: new BlobSource(blob, { useStreamReader: false }), formats: ALL_FORMATS });
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
      return new VideoSession(name, input, track, probe);
    } catch (e) {
      input.dispose();
      throw e;
    }
  }

  private async sink(maxSidePx: number, crop: CropMask | undefined, alpha: boolean): Promise<CanvasSink> {
    const key = `${maxSidePx}|${crop?.mode === 'crop' ? JSON.stringify(crop.rect) : ''}|${alpha}`;
    let s = this.sinks.get(key);
    if (!s) {
      const size = outputRegion(this.probe, maxSidePx, crop);
      s = new CanvasSink(this.track, {
        width: size.width,
        height: size.height,
        fit: 'fill',
        alpha,
        crop: crop?.mode === 'crop' ? { left: size.region.x, top: size.region.y, width: size.region.w, height: size.region.h } : undefined,
        // A small ring of canvases keeps memory flat however long the video; callers copy out.
        poolSize: 2,
      });
      if (this.sinks.size > 8) this.sinks.clear();
      this.sinks.set(key, s);
    }
    return s;
  }

  /** The direct decoder, when this video can use it: upright, square pixels, a config the browser takes. */
  private exactDecoder(): Promise<ExactDecoder | null> {
    const { rotation, pixelAspect } = this.probe;
    if (rotation !== 0 || pixelAspect.num !== pixelAspect.den) return Promise.resolve(null);
    this.exact ??= ExactDecoder.create(this.track, this.probe.codec, this.stats).catch(() => null);
    return this.exact;
  }

  /**
   * Decodes the frames shown at `timestamps` (sorted or not), scaled so the longest side is at most
   * `maxSidePx`, cropped or masked. `onFrame` gets each frame's bitmap (caller closes it).
   * Always the exact frames: one decoder walks each needed GOP once, in decode order.
   */
  async frames(timestamps: readonly number[], opts: FrameOptions, onFrame: FrameCallback): Promise<void> {
    const done = new Set<number>();
    const deliver: FrameCallback = (i, f) => {
      done.add(i);
      onFrame(i, f);
    };
    const exact = opts.alpha ? null : await this.exactDecoder();
    if (exact) {
      try {
        await exact.frames(timestamps, opts, this.probe, (i, f) => deliver(i, f));
      } catch {
        // The decoder refused this stream (or a damaged part of it): from now on mediabunny's
        // sink, which knows more decoder quirks, decodes this video, starting with what is left here.
        exact.close();
        this.exact = Promise.resolve(null);
      }
      if (opts.isStale?.()) return;
    }
    const rest = timestamps.map((t, i) => ({ t, i })).filter((x) => !done.has(x.i));
    if (rest.length === 0) return;
    if (exact) this.stats.fallback += rest.length;
    try {
      await this.sinkFrames(rest.sort((a, b) => a.t - b.t), opts, deliver);
    } catch (e) {
      // A decoder can fail for reasons outside the file (the browser reclaiming decoders while
      // several videos decode at once): a fresh one gets one more try before the file is called damaged.
      if (!(e instanceof VideoError) || e.kind !== 'damaged' || opts.isStale?.()) throw e;
      this.sinks.clear();
      await new Promise((r) => setTimeout(r, 50));
      await this.sinkFrames(rest.filter((x) => !done.has(x.i)), opts, deliver);
    }
  }

  /** mediabunny's own decoding path (rotation, pixel aspect, alpha, and whatever the direct decoder missed). */
  private async sinkFrames(order: { t: number; i: number }[], opts: FrameOptions, onFrame: FrameCallback): Promise<void> {
    let k = 0;
    try {
      const sink = await this.sink(opts.maxSidePx, opts.cropMask, opts.alpha ?? false);
      for await (const wc of sink.canvasesAtTimestamps(order.map((o) => o.t))) {
        const slot = order[k++];
        if (!wc) {
          onFrame(slot.i, null);
        } else {
          const canvas = wc.canvas as OffscreenCanvas;
          if (opts.cropMask?.mode === 'mask') maskOut(canvas, opts.cropMask);
          // The sink's pooled canvas hands over its pixels without a copy and gets a fresh buffer.
          const bitmap = canvas.transferToImageBitmap();
          onFrame(slot.i, { pixels: { bitmap }, timestampS: wc.timestamp, index: indexAt(this.probe.frames, wc.timestamp) });
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
    void this.exact?.then((d) => d?.close());
    this.input.dispose();
  }
}

/** Size of the frames handed out, and the region of the picture they show. */
function outputRegion(probe: VideoProbe, maxSidePx: number, crop: CropMask | undefined) {
  const { displayWidth: dw, displayHeight: dh } = probe;
  const region = crop?.mode === 'crop' ? rectToPx(crop.rect, dw, dh) : { x: 0, y: 0, w: dw, h: dh };
  const scale = Math.min(1, maxSidePx / Math.max(region.w, region.h));
  return { region, width: Math.max(1, Math.round(region.w * scale)), height: Math.max(1, Math.round(region.h * scale)) };
}

function maskOut(canvas: OffscreenCanvas, cm: CropMask) {
  const ctx = canvas.getContext('2d')!;
  const p = rectToPx(cm.rect, canvas.width, canvas.height);
  ctx.fillStyle = '#000';
  ctx.fillRect(p.x, p.y, p.w, p.h);
}

/** Chromium drops colour information from a partly filled colour space; fill it as it does elsewhere. */
function completeColorSpace(c: VideoColorSpaceInit | undefined): VideoColorSpaceInit {
  return { primaries: c?.primaries ?? 'bt709', matrix: c?.matrix ?? 'bt709', transfer: c?.transfer ?? 'bt709', fullRange: c?.fullRange ?? false };
}

const MAX_DECODE_QUEUE = 24;

/**
 * One WebCodecs decoder for the life of an open video. Each request feeds the packets
 * `feedOrder` picks (GOP after GOP without a flush, disposable non-targets left out), keeps
 * the target frames as they come out (one conversion each, straight to a bitmap of the output
 * size) and flushes once at the end.
 */
class ExactDecoder {
  private decoder?: VideoDecoder;
  private output: (frame: VideoFrame) => void = (f) => f.close();
  private failure?: unknown;
  private readonly source: PacketSource<EncodedPacket>;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly converter = new FrameConverter();

  private constructor(
    private readonly config: VideoDecoderConfig,
    private readonly lengthSize: number,
    packets: EncodedPacketSink,
    private readonly stats: { fed: number; skipped: number; convertMs: number; flushMs: number },
  ) {
    this.source = {
      packetAt: (t) => packets.getPacket(t, { metadataOnly: true }),
      keyPacketAt: (t) => packets.getKeyPacket(t, { verifyKeyPackets: true }),
      from: (p) => packets.packets(p),
    };
  }

  static async create(track: InputVideoTrack, codec: string | null, stats: ExactDecoder['stats']): Promise<ExactDecoder | null> {
    if (typeof VideoDecoder === 'undefined') return null;
    const base = await track.getDecoderConfig();
    if (!base) return null;
    const config: VideoDecoderConfig = { ...base, colorSpace: completeColorSpace(base.colorSpace) };
    if (!(await VideoDecoder.isConfigSupported(config)).supported) return null;
    const description = base.description ? new Uint8Array(ArrayBuffer.isView(base.description) ? base.description.buffer.slice(base.description.byteOffset, base.description.byteOffset + base.description.byteLength) : base.description) : undefined;
    // Only H.264 marks disposable pictures in a header this cheap to read; -1: never skip.
    const lengthSize = codec === 'avc' ? avcLengthSize(description) : -1;
    return new ExactDecoder(config, lengthSize, new EncodedPacketSink(track), stats);
  }

  private ready(): VideoDecoder {
    if (this.decoder && this.decoder.state === 'configured') return this.decoder;
    this.failure = undefined;
    this.decoder = new VideoDecoder({
      output: (f) => this.output(f),
      error: (e) => {
        this.failure = e;
      },
    });
    this.decoder.configure(this.config);
    return this.decoder;
  }

  frames(timestamps: readonly number[], opts: FrameOptions, probe: VideoProbe, onFrame: FrameCallback): Promise<void> {
    const run = this.chain.then(() => this.run(timestamps, opts, probe, onFrame));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async run(timestamps: readonly number[], opts: FrameOptions, probe: VideoProbe, onFrame: FrameCallback): Promise<void> {
    const targets = await resolveTargets(this.source, timestamps);
    // Requests by the microsecond timestamp the decoder reports back (several may want one frame).
    const slots = new Map<number, number[]>();
    targets.forEach((x, i) => {
      if (!x.packet) return;
      const us = x.packet.microsecondTimestamp;
      slots.set(us, [...(slots.get(us) ?? []), i]);
    });
    const size = outputRegion(probe, opts.maxSidePx, opts.cropMask);
    const pending: Promise<void>[] = [];
    this.output = (frame) => {
      const want = slots.get(frame.timestamp);
      if (!want) return frame.close();
      slots.delete(frame.timestamp);
      // The packet's own time, not the decoder's microseconds, so callers get the frame table's numbers.
      const ts = targets[want[0]].packet!.timestamp;
      const c0 = performance.now();
      pending.push(
        this.converter
          .convert(frame, size, opts.cropMask)
          .then((pixels) => {
            this.stats.convertMs += performance.now() - c0;
            want.forEach((i, k) => onFrame(i, { pixels: k === 0 ? pixels : copyOf(pixels), timestampS: ts, index: indexAt(probe.frames, ts) }));
          })
          .finally(() => frame.close()),
      );
    };
    const decoder = this.ready();
    const disposable = (p: EncodedPacket) => {
      if (this.lengthSize < 0 || !avcIsDisposable(p.data, this.lengthSize)) return false;
      this.stats.skipped++;
      return true;
    };
    const wanted = targets.flatMap((x) => (x.packet ? [x.packet] : []));
    let stale = false;
    try {
      for await (const p of feedOrder(this.source, wanted, disposable)) {
        if (this.failure) throw this.failure;
        if (opts.isStale?.()) {
          stale = true;
          break;
        }
        // Bounded read-ahead; a decoder that failed meanwhile never dequeues, so look again now and then.
        while (decoder.decodeQueueSize > MAX_DECODE_QUEUE && !this.failure) await new Promise((r) => {
          decoder.addEventListener('dequeue', r, { once: true });
          setTimeout(r, 100);
        });
        decoder.decode(p.toEncodedVideoChunk());
        this.stats.fed++;
      }
      if (stale) {
        // Nobody waits for these frames: drop the decoder's work instead of finishing it.
        decoder.reset();
      } else {
        const f0 = performance.now();
        await decoder.flush();
        this.stats.flushMs += performance.now() - f0;
        if (this.failure) throw this.failure;
      }
    } finally {
      this.output = (f) => f.close();
      // Frames already coming out are delivered before the caller moves on (or falls back).
      await Promise.allSettled(pending);
    }
  }

  close() {
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
  }
}

/**
 * Turns decoded frames into pixels of the output size, cropped and masked if asked. Fresh
 * full-size canvases and pixel buffers cost more than the conversion itself (each is a new
 * allocation of megabytes), so nothing is allocated per frame; every frame goes out as RGBA in a
 * pooled buffer that the page sends back when done. A frame handed out whole is converted by the
 * browser (`copyTo` RGBA); a smaller or cut one from its planes (`copyTo` into one shared buffer,
 * then `yuvToRgba`). Frames in other layouts or matrices are scaled on a reused canvas and go out
 * as bitmaps; browsers without RGBA `copyTo` draw the frame instead.
 */
class FrameConverter {
  private rgba?: Uint8ClampedArray<ArrayBuffer>;
  private planes?: Uint8Array<ArrayBuffer>;
  private whole?: OffscreenCanvas;
  private out?: OffscreenCanvas;
  private chain: Promise<unknown> = Promise.resolve();

  /** One frame at a time: the buffer and canvases are shared. */
  convert(frame: VideoFrame, size: ReturnType<typeof outputRegion>, cm: CropMask | undefined): Promise<FramePixels> {
    const run = this.chain.then(() => this.run(frame, size, cm));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async run(frame: VideoFrame, size: ReturnType<typeof outputRegion>, cm: CropMask | undefined): Promise<FramePixels> {
    const { region: r, width, height } = size;
    const whole = r.x === 0 && r.y === 0 && r.w === frame.displayWidth && r.h === frame.displayHeight && width === r.w && height === r.h;
    const own = whole ? (await this.pixelsOf(frame, (bytes) => pixelPool.take(bytes)))?.data : await this.fromPlanes(frame, r, width, height);
    if (own) {
      if (cm?.mode === 'mask') applyMaskRgba(own, width, height, cm.rect);
      return { rgba: own.buffer, width, height };
    }
    const out = (this.out = sized(this.out, width, height));
    const ctx = out.getContext('2d')!;
    const pixels = await this.pixelsOf(frame);
    if (!pixels) ctx.drawImage(frame, r.x, r.y, r.w, r.h, 0, 0, width, height);
    else if (whole) ctx.putImageData(pixels, 0, 0);
    else {
      const whole = (this.whole = sized(this.whole, pixels.width, pixels.height));
      whole.getContext('2d')!.putImageData(pixels, 0, 0);
      ctx.drawImage(whole, r.x, r.y, r.w, r.h, 0, 0, width, height);
    }
    if (cm?.mode === 'mask') maskOut(out, cm);
    return { bitmap: await createImageBitmap(out) };
  }

  /** `region` of the frame at `width` × `height`, converted from its 4:2:0 planes into a pooled buffer; null when it has another layout or matrix. */
  private async fromPlanes(frame: VideoFrame, region: PxRect, width: number, height: number): Promise<Uint8ClampedArray<ArrayBuffer> | null> {
    const rect = frame.visibleRect;
    const matrix = yuvMatrix(frame.colorSpace.matrix, frame.colorSpace.fullRange ?? false);
    if (!matrix || (frame.format !== 'I420' && frame.format !== 'I420A') || !rect || rect.width !== frame.displayWidth || rect.height !== frame.displayHeight) return null;
    try {
      const bytes = frame.allocationSize();
      if (this.planes?.length !== bytes) this.planes = new Uint8Array(bytes);
      const [y, u, v] = await frame.copyTo(this.planes);
      const out = new Uint8ClampedArray(pixelPool.take(width * height * 4));
      yuvToRgba({ data: this.planes, width: rect.width, height: rect.height, y, u, v }, region, matrix, out, width, height);
      return out;
    } catch {
      return null;
    }
  }

  /**
   * The frame's visible pixels as RGBA (sRGB), in the shared buffer or in one from `own`, or null
   * where the browser cannot convert them.
   */
  private async pixelsOf(frame: VideoFrame, own?: (bytes: number) => ArrayBuffer): Promise<ImageData | null> {
    if (!rgbaCopy) return null;
    const rect = frame.visibleRect;
    if (!rect || rect.width !== frame.displayWidth || rect.height !== frame.displayHeight) return null;
    const options = { format: 'RGBA', colorSpace: 'srgb' } as unknown as VideoFrameCopyToOptions;
    try {
      const bytes = frame.allocationSize(options);
      if (bytes !== rect.width * rect.height * 4) return null;
      let into: Uint8ClampedArray<ArrayBuffer>;
      if (own) into = new Uint8ClampedArray(own(bytes));
      else {
        if (this.rgba?.length !== bytes) this.rgba = new Uint8ClampedArray(bytes);
        into = this.rgba;
      }
      try {
        await frame.copyTo(into, options);
      } catch (e) {
        if (own) pixelPool.give(into.buffer);
        throw e;
      }
      return new ImageData(into, rect.width, rect.height);
    } catch {
      rgbaCopy = false;
      return null;
    }
  }
}

/** Whether `copyTo` converts to RGBA in this browser (false once it has refused). */
let rgbaCopy = true;

/** `canvas` when it has this size, else a new one. */
function sized(canvas: OffscreenCanvas | undefined, width: number, height: number): OffscreenCanvas {
  return canvas && canvas.width === width && canvas.height === height ? canvas : new OffscreenCanvas(width, height);
}

/** A second copy of a frame's pixels, for a frame asked for twice. */
function copyOf(p: FramePixels): FramePixels {
  if ('rgba' in p) {
    const copy = pixelPool.take(p.rgba.byteLength);
    new Uint8Array(copy).set(new Uint8Array(p.rgba));
    return { ...p, rgba: copy };
  }
  const c = new OffscreenCanvas(p.bitmap.width, p.bitmap.height);
  c.getContext('2d')!.drawImage(p.bitmap, 0, 0);
  return { bitmap: c.transferToImageBitmap() };
}

/** Frees what a frame holds in the worker: closes its bitmap or returns its buffer to the pool. */
export function releasePixels(p: FramePixels) {
  if ('bitmap' in p) p.bitmap.close();
  else pixelPool.give(p.rgba);
}

/** What must be transferred (not copied) to send a frame's pixels to the page. */
export function transferablesOf(p: FramePixels): Transferable[] {
  return ['bitmap' in p ? p.bitmap : p.rgba];
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
