/**
 * The point-cloud WebAssembly kernels (simd-kernels.wat) and the one memory they work in, grown
 * as needed and kept between files: a fresh memory per file costs more than the work itself (the
 * engine reserves and clears it anew each time). Engines without WebAssembly SIMD get null, and
 * callers take their plain-JS loops.
 */
import { MODULE_BASE64 } from './simd-kernels-module';

export interface Kernels {
  mem: WebAssembly.Memory;
  box(p: number, n: number, stride: number, out: number): void;
  write(p: number, n: number, stride: number, pos: number, col: number, rgb: number, mode: number, hx: number, hy: number, hz: number, lx: number, ly: number, lz: number): void;
  lzf(i: number, end: number, o: number, outEnd: number): number;
}

/** Largest memory kept, bytes (the rows, positions and colours of about 8 M points); bigger work takes the plain loops. */
export const MAX_KERNEL_MEMORY = 256 << 20;
/** Loads and stores may run this far past their row, run or slot. */
export const SLACK = 32;
/** The memory is let go this long after its last use, ms. */
const KEEP_MS = 10_000;

let compiled: WebAssembly.Module | null | undefined;
let kept: { kernels: Kernels; release?: ReturnType<typeof setTimeout> } | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = Uint8Array.from(atob(MODULE_BASE64), (c) => c.charCodeAt(0));
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch {
    /* no WebAssembly (or no SIMD) here: the plain loops serve */
  }
  return compiled;
}

/**
 * The kernels with at least `bytes` of memory, or null (no SIMD here, or more than the limit).
 * Views on `mem.buffer` taken before a call are stale after it: the memory may have grown.
 */
export function kernelsWithMemory(bytes: number): Kernels | null {
  const module = bytes <= MAX_KERNEL_MEMORY ? kernelModule() : null;
  if (!module) return null;
  try {
    if (!kept) {
      const mem = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
      const exports = new WebAssembly.Instance(module, { k: { mem } }).exports as unknown as Omit<Kernels, 'mem'>;
      kept = { kernels: { mem, box: exports.box, write: exports.write, lzf: exports.lzf } };
    }
    const have = kept.kernels.mem.buffer.byteLength;
    if (bytes > have) kept.kernels.mem.grow(Math.ceil((bytes - have) / 65536));
  } catch {
    kept = undefined;
    return null;
  }
  if (kept.release) clearTimeout(kept.release);
  kept.release = setTimeout(() => (kept = undefined), KEEP_MS);
  // Node: a kept memory must not hold the process open.
  (kept.release as { unref?: () => void }).unref?.();
  return kept.kernels;
}

/** Where a region of `bytes` starts after one ending at `end`, with slack between, 16-aligned. */
export const after = (end: number): number => (end + SLACK + 15) & ~15;
