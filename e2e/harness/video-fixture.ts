/**
 * Builds test videos in the browser: each frame a solid, known colour, encoded with WebCodecs
 * through mediabunny. Test code only.
 */
import { BufferTarget, CanvasSource, Mp4OutputFormat, Output, QUALITY_LOW, WebMOutputFormat } from 'mediabunny';

export interface SolidVideoOptions {
  /** One RGB colour per frame. */
  colours: [number, number, number][];
  fps: number;
  width: number;
  height: number;
  codec: 'vp8' | 'vp9' | 'avc' | 'av1';
  container: 'webm' | 'mp4';
  /** Draw the frame number big in the middle (for scene-change and visual checks). */
  label?: boolean;
  keyFrameIntervalS?: number;
}

export async function makeSolidVideo(o: SolidVideoOptions): Promise<Blob> {
  const canvas = new OffscreenCanvas(o.width, o.height);
  const ctx = canvas.getContext('2d')!;
  const target = new BufferTarget();
  const output = new Output({ format: o.container === 'webm' ? new WebMOutputFormat() : new Mp4OutputFormat(), target });
  const source = new CanvasSource(canvas, { codec: o.codec, bitrate: QUALITY_LOW, keyFrameInterval: o.keyFrameIntervalS ?? 1, latencyMode: 'realtime' });
  output.addVideoTrack(source, { frameRate: o.fps });
  await output.start();
  for (let i = 0; i < o.colours.length; i++) {
    const [r, g, b] = o.colours[i];
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(0, 0, o.width, o.height);
    if (o.label) {
      ctx.fillStyle = 'rgba(255,255,255,0.85)';
      ctx.font = `bold ${Math.round(o.height / 4)}px sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(String(i), o.width / 2, o.height / 2);
    }
    await source.add(i / o.fps, 1 / o.fps);
  }
  await output.finalize();
  return new Blob([target.buffer!], { type: o.container === 'webm' ? 'video/webm' : 'video/mp4' });
}

/** A palette that is easy to tell apart after lossy coding. */
export const PALETTE: [number, number, number][] = [
  [220, 30, 30],
  [30, 200, 40],
  [30, 60, 220],
  [230, 220, 30],
  [220, 30, 220],
  [30, 210, 210],
  [240, 240, 240],
  [20, 20, 20],
];
