/** Test images generated on the fly (no binary fixtures in the repository). */
import { PNG } from 'pngjs';

/** A grey part on a dark background; `blob` adds a red defect at (cx, cy) in 0–1. */
export function partPng(size: number, opts: { blob?: { cx: number; cy: number; r: number }; grey?: number; seed?: number; /** Noise amplitude, ± grey levels (default 12). */ noise?: number } = {}): Buffer {
  const png = new PNG({ width: size, height: size });
  const grey = opts.grey ?? 150;
  let s = opts.seed ?? 1;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const c = size / 2;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      const inPart = (x - c) ** 2 + (y - c) ** 2 < (size * 0.38) ** 2;
      const amp = opts.noise ?? 12;
      const noise = Math.round((rand() * 2 - 1) * amp + Math.sin(x / 37 + y / 53) * amp);
      let r = inPart ? grey + noise : 25 + noise / 2;
      let g = r;
      let b = inPart ? grey + 10 + noise : 30;
      if (opts.blob && (x / size - opts.blob.cx) ** 2 + (y / size - opts.blob.cy) ** 2 < opts.blob.r ** 2) {
        r = 210;
        g = 30;
        b = 30;
      }
      png.data[o] = Math.max(0, Math.min(255, r));
      png.data[o + 1] = Math.max(0, Math.min(255, g));
      png.data[o + 2] = Math.max(0, Math.min(255, b));
      png.data[o + 3] = 255;
    }
  return PNG.sync.write(png);
}

export const pngDataUrl = (buf: Buffer) => `data:image/png;base64,${buf.toString('base64')}`;

/**
 * A flat disc of one colour at (cx, 0.5) on a dark background: where the disc sits sets how
 * similar two images look to the retrieval descriptor; its colour tells the images apart in the
 * fake server's log.
 */
export function discPng(size: number, cx: number, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      const inDisc = (x / size - cx) ** 2 + (y / size - 0.5) ** 2 < 0.2 ** 2;
      png.data[o] = inDisc ? rgb[0] : 20;
      png.data[o + 1] = inDisc ? rgb[1] : 20;
      png.data[o + 2] = inDisc ? rgb[2] : 20;
      png.data[o + 3] = 255;
    }
  return PNG.sync.write(png);
}
