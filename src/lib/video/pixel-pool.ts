/**
 * Pixel buffers that travel between the video worker and the page and come back. A fresh
 * full-size buffer costs far more than filling one (every page of it is new memory: about 30 ms
 * for 1080p RGBA, against 5 ms to convert a frame into it), so buffers the page has finished with
 * are kept here for the next frame of the same size. Idle buffers are bounded in bytes and let go
 * a while after the last frame, so a paused video holds no memory.
 */
export class PixelPool {
  private free = new Map<number, ArrayBuffer[]>();
  private idleBytes = 0;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly maxIdleBytes: number,
    private readonly releaseAfterMs: number,
  ) {}

  /** A buffer of exactly `bytes`: a returned one when there is one, else a new one. */
  take(bytes: number): ArrayBuffer {
    this.touch();
    const list = this.free.get(bytes);
    const reused = list?.pop();
    if (!reused) return new ArrayBuffer(bytes);
    this.idleBytes -= bytes;
    return reused;
  }

  /** Takes a buffer back. Detached buffers (sent on meanwhile) and any past the byte bound are dropped. */
  give(buffer: ArrayBuffer) {
    const bytes = buffer.byteLength;
    if (bytes === 0 || this.idleBytes + bytes > this.maxIdleBytes) return;
    const list = this.free.get(bytes) ?? [];
    if (list.includes(buffer)) return;
    list.push(buffer);
    this.free.set(bytes, list);
    this.idleBytes += bytes;
    this.touch();
  }

  /** Bytes held for reuse. */
  get idle(): number {
    return this.idleBytes;
  }

  clear() {
    this.free.clear();
    this.idleBytes = 0;
  }

  private touch() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.clear(), this.releaseAfterMs);
  }
}
