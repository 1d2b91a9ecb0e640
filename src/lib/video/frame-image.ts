/**
 * A decoded frame on the page. The worker sends RGBA bytes in a pooled buffer (or, for frames it
 * cannot convert itself, a bitmap); `close()` sends the buffer back for the next frame or frees
 * the bitmap. Callers draw through `draw`, which puts the pixels straight into a canvas when no
 * scaling is asked for (no new memory) and scales through a canvas otherwise.
 */
import type { FramePixels } from '@/lib/video/protocol';

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export class FrameImage {
  readonly width: number;
  readonly height: number;
  private bitmap?: ImageBitmap;
  private pixels?: ImageData;
  private closed = false;

  constructor(
    source: FramePixels,
    private readonly giveBack: (buffer: ArrayBuffer) => void = () => undefined,
  ) {
    if ('bitmap' in source) {
      this.bitmap = source.bitmap;
      this.width = source.bitmap.width;
      this.height = source.bitmap.height;
    } else {
      this.pixels = new ImageData(new Uint8ClampedArray(source.rgba), source.width, source.height);
      this.width = source.width;
      this.height = source.height;
    }
  }

  /** How the pixels came: as a bitmap, or as RGBA bytes. */
  get kind(): 'bitmap' | 'rgba' {
    return this.bitmap ? 'bitmap' : 'rgba';
  }

  /** Draws the frame with its top-left corner at (x, y), scaled to w × h when they are given. */
  draw(ctx: Ctx, x = 0, y = 0, w = this.width, h = this.height) {
    if (this.closed) throw new Error('This frame was already closed.');
    if (this.bitmap) return ctx.drawImage(this.bitmap, x, y, w, h);
    const pixels = this.pixels!;
    // Opaque video pixels at their own size: the same result as drawing, without a copy in between.
    if (w === this.width && h === this.height && Number.isInteger(x) && Number.isInteger(y)) return ctx.putImageData(pixels, x, y);
    const c = new OffscreenCanvas(this.width, this.height);
    c.getContext('2d')!.putImageData(pixels, 0, 0);
    ctx.drawImage(c, x, y, w, h);
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.bitmap?.close();
    if (this.pixels) this.giveBack(this.pixels.data.buffer as ArrayBuffer);
    this.pixels = undefined;
  }
}

/** What `VideoHandle.frames` gives for each timestamp. The caller closes `image`. */
export interface DecodedFrame {
  image: FrameImage;
  timestampS: number;
  index: number;
}
