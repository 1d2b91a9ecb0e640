/**
 * The bulk reader's fast lane: a WebAssembly SIMD kernel (float-rows-simd.wat) for rows whose
 * x y z are consecutive float32 and whose colours, if any, are three bytes in a row. It reads each
 * point with one 16-byte load; the bytes are copied into its memory and the results out again,
 * and it still takes about half the time of the plain loop. Engines without SIMD, other layouts,
 * and clouds too big for one memory take the plain loop.
 */
import { MODULE_BASE64 } from './float-rows-simd-module';
import type { FloatRows } from './float-rows';

interface Kernel {
  box(p: number, n: number, stride: number, out: number): void;
  write(p: number, n: number, stride: number, pos: number, col: number, rgb: number, mode: number, hx: number, hy: number, hz: number, lx: number, ly: number, lz: number): void;
}

/** Largest memory kept, bytes: rows, positions and colours of about 8 M points. Bigger clouds take the plain loop. */
const MAX_MEMORY_BYTES = 256 << 20;
/** The memory is let go this long after its last use, ms. */
const KEEP_MS = 10_000;
/** Loads and stores may run this far past their row or slot. */
const SLACK = 16;
const COLOUR_MODE = { none: 0, rgb: 1, bgr: 2 } as const;

let compiled: WebAssembly.Module | null | undefined;
/**
 * One kernel and memory, grown as needed and kept between clouds: a fresh memory per cloud costs
 * more than the parse itself (the engine reserves and clears it anew each time).
 */
let kept: { mem: WebAssembly.Memory; k: Kernel; release?: ReturnType<typeof setTimeout> } | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = Uint8Array.from(atob(MODULE_BASE64), (c) => c.charCodeAt(0));
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch {
    /* no WebAssembly (or no SIMD) here: the plain loop serves */
  }
  return compiled;
}

export interface SimdRows {
  /** Bounding box of the rows (min x y z, max x y z), or null when a coordinate is NaN. */
  box(): [number, number, number, number, number, number] | null;
  /** Writes every row's x y z minus `centre` into `pos`, and its colours into `col`. */
  write(centre: readonly [number, number, number], pos: Float32Array, col: Uint8Array | undefined): void;
}

/**
 * The rows loaded into the kept kernel (good until the next call: the memory is shared), or null
 * when this layout or engine takes the plain loop.
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
  const boxAt = (to - from + SLACK + 15) & ~15;
  const posAt = boxAt + 48;
  const colAt = posAt + n * 12 + SLACK;
  const need = colAt + (mode === COLOUR_MODE.none ? 0 : n * 3) + SLACK;
  const module = need <= MAX_MEMORY_BYTES && to <= bytes.length ? kernelModule() : null;
  if (!module) return null;
  const kernel = kernelWithMemory(module, need);
  if (!kernel) return null;
  const { mem, k } = kernel;
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

/** The kept kernel with at least `bytes` of memory, or null when the memory cannot grow that far. */
function kernelWithMemory(module: WebAssembly.Module, bytes: number): { mem: WebAssembly.Memory; k: Kernel } | null {
  try {
    if (!kept) {
      const mem = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
      kept = { mem, k: new WebAssembly.Instance(module, { k: { mem } }).exports as unknown as Kernel };
    }
    const have = kept.mem.buffer.byteLength;
    if (bytes > have) kept.mem.grow(Math.ceil((bytes - have) / 65536));
  } catch {
    kept = undefined;
    return null;
  }
  if (kept.release) clearTimeout(kept.release);
  kept.release = setTimeout(() => (kept = undefined), KEEP_MS);
  // Node: a kept memory must not hold the process open.
  (kept.release as { unref?: () => void }).unref?.();
  return kept;
}
