import type { FrameImage } from '@/lib/video/frame-image';

/**
 * Small thumbnails of frames for the strip, kept open and closed when evicted, so scrolling
 * through a long video never holds more than `max` of them.
 */
export class FrameCache {
  private map = new Map<number, FrameImage>();
  constructor(private readonly max = 300) {}

  get(index: number): FrameImage | undefined {
    const b = this.map.get(index);
    if (b) {
      this.map.delete(index);
      this.map.set(index, b);
    }
    return b;
  }

  has(index: number) {
    return this.map.has(index);
  }

  set(index: number, image: FrameImage) {
    this.map.get(index)?.close();
    this.map.delete(index);
    this.map.set(index, image);
    while (this.map.size > this.max) {
      const [k, old] = this.map.entries().next().value!;
      this.map.delete(k);
      old.close();
    }
  }

  get size() {
    return this.map.size;
  }

  clear() {
    for (const b of this.map.values()) b.close();
    this.map.clear();
  }
}
