/**
 * The bulk reader's fast lane: a WebAssembly SIMD kernel (simd-kernels.wat) for rows whose
 * x y z are consecutive float32 and whose colours, if any, are three bytes in a row. It reads each
 * point with one 16-byte load; the bytes are copied into its memory and the results out again,
 * and it still takes about half the time of the plain loop. Engines without SIMD, other layouts,
 * and clouds too big for one memory take the plain loop.
 */
import { after, kernelsWithMemory, SLACK } from './simd-kernels';
import type { FloatRows } from './float-rows';

const COLOUR_MODE = { none: 0, rgb: 1, bgr: 2 } as const;

export interface SimdRows {
  /** Bounding box of the rows (min x y z, max x y z), or null when a coordinate is NaN. */
  box(): [number, number, number, number, number, number] | null;
  /** Writes every row's x y z minus `centre` into `pos`, and its colours into `col`. */
  write(centre: readonly [number, number, number], pos: Float32Array, col: Uint8Array | undefined): void;
}

/**
 * The rows loaded into the kept kernels' memory (good until the next kernel call: it is shared),
 * or null when this layout or engine takes the plain loop.
 */
export function simdRows({ bytes, count: n, stride, xyz, rgb }: FloatRows, withColours: boolean): SimdRows | null {
  const [ox, oy, oz] = xyz;
  if (n === 0 || oy !== ox + 4 || oz !== ox + 8 || stride < 12) return null;
  const mode = !withColours || !rgb ? COLOUR_MODE.none : rgb[1] === rgb[0] + 1 && rgb[2] === rgb[0] + 2 ? COLOUR_MODE.rgb : rgb[1] === rgb[2] + 1 && rgb[0] === rgb[2] + 2 ? COLOUR_MODE.bgr : -1;
  if (mode < 0) return null;
  const firstColour = mode === COLOUR_MODE.rgb ? rgb![0] : mode === COLOUR_MODE.bgr ? rgb![2] : ox;
  // The rows' bytes from the first one used to the last, copied to the start of the memory.
  const from = Math.min(ox, firstColour);
  const to = Math.max(ox + 12, firstColour + 3) + (n - 1) * stride;
  const boxAt = after(to - from);
  const posAt = boxAt + 48;
  const colAt = posAt + n * 12 + SLACK;
  const need = colAt + (mode === COLOUR_MODE.none ? 0 : n * 3) + SLACK;
  const k = to <= bytes.length ? kernelsWithMemory(need) : null;
  if (!k) return null;
  const { mem } = k;
  new Uint8Array(mem.buffer).set(bytes.subarray(from, to));
  const p = ox - from;
  return {
    box() {
      k.box(p, n, stride, boxAt);
      const bad = new Uint32Array(mem.buffer, boxAt + 32, 3);
      if (bad[0] | bad[1] | bad[2]) return null;
      const b = new Float32Array(mem.buffer, boxAt, 8);
      return [b[0], b[1], b[2], b[4], b[5], b[6]];
    },
    write(centre, pos, col) {
      const hi = centre.map(Math.fround);
      const lo = centre.map((c, a) => Math.fround(c - hi[a]));
      k.write(p, n, stride, posAt, colAt, firstColour - ox, mode, hi[0], hi[1], hi[2], lo[0], lo[1], lo[2]);
      pos.set(new Float32Array(mem.buffer, posAt, n * 3));
      if (col && mode !== COLOUR_MODE.none) col.set(new Uint8Array(mem.buffer, colAt, n * 3));
    },
  };
}

