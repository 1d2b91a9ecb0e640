import type { PointCloud } from './types';

/**
 * Coordinates beyond ±1e18 are treated like NaN: no scanner measures that far, and differences of
 * larger values overflow float32 positions to Infinity (a damaged double or a swapped byte order).
 */
const MAX_COORD = 1e18;

/**
 * Collects points while a parser reads them: drops non-finite points, keeps the bounding box in
 * file coordinates, and stores positions relative to the first point (then to the box centre) so
 * coordinates far from the origin keep float32 precision.
 */
export class CloudBuilder {
  readonly positions: Float32Array;
  readonly colors: Uint8Array | undefined;
  readonly normals: Float32Array | undefined;
  readonly fields: Record<string, Float32Array> = {};
  /** Points kept so far. */
  m = 0;
  dropped = 0;
  private ox = 0;
  private oy = 0;
  private oz = 0;
  private started = false;
  minX = Infinity;
  minY = Infinity;
  minZ = Infinity;
  maxX = -Infinity;
  maxY = -Infinity;
  maxZ = -Infinity;

  constructor(
    readonly capacity: number,
    opts: { colors: boolean; normals: boolean; fieldNames: string[] },
  ) {
    this.positions = new Float32Array(capacity * 3);
    this.colors = opts.colors ? new Uint8Array(capacity * 3) : undefined;
    this.normals = opts.normals ? new Float32Array(capacity * 3) : undefined;
    for (const f of opts.fieldNames) this.fields[f] = new Float32Array(capacity);
  }

  /** Adds a point; returns its index, or -1 when a coordinate is NaN, infinite or beyond ±1e18. */
  add(x: number, y: number, z: number): number {
    // Comparisons with NaN are false, so NaN fails every one of these like ±Infinity does.
    if (!(x <= MAX_COORD && x >= -MAX_COORD && y <= MAX_COORD && y >= -MAX_COORD && z <= MAX_COORD && z >= -MAX_COORD)) {
      this.dropped++;
      return -1;
    }
    if (!this.started) {
      this.started = true;
      this.ox = x;
      this.oy = y;
      this.oz = z;
    }
    if (x < this.minX) this.minX = x;
    if (x > this.maxX) this.maxX = x;
    if (y < this.minY) this.minY = y;
    if (y > this.maxY) this.maxY = y;
    if (z < this.minZ) this.minZ = z;
    if (z > this.maxZ) this.maxZ = z;
    const i = this.m++;
    const p = this.positions;
    p[i * 3] = x - this.ox;
    p[i * 3 + 1] = y - this.oy;
    p[i * 3 + 2] = z - this.oz;
    return i;
  }

  /**
   * Takes `n` points a bulk reader wrote straight into `positions` (and the other arrays), already
   * relative to `origin`, with their bounding box in file coordinates.
   */
  adopt(n: number, origin: [number, number, number], min: [number, number, number], max: [number, number, number]) {
    this.m = n;
    this.started = true;
    [this.ox, this.oy, this.oz] = origin;
    [this.minX, this.minY, this.minZ] = min;
    [this.maxX, this.maxY, this.maxZ] = max;
  }

  finish(meta: { format: PointCloud['format']; encoding: string; grid?: PointCloud['grid'] }): PointCloud {
    const m = this.m;
    const cx = m ? (this.minX + this.maxX) / 2 : 0;
    const cy = m ? (this.minY + this.maxY) / 2 : 0;
    const cz = m ? (this.minZ + this.maxZ) / 2 : 0;
    const positions = m < this.capacity ? this.positions.slice(0, m * 3) : this.positions;
    const dx = cx - this.ox;
    const dy = cy - this.oy;
    const dz = cz - this.oz;
    if (dx !== 0 || dy !== 0 || dz !== 0) {
      for (let i = 0; i < m * 3; i += 3) {
        positions[i] -= dx;
        positions[i + 1] -= dy;
        positions[i + 2] -= dz;
      }
    }
    const cut = <T extends Float32Array | Uint8Array>(a: T, k: number): T => (m < this.capacity ? (a.slice(0, m * k) as T) : a);
    const fields: Record<string, Float32Array> = {};
    for (const [k, v] of Object.entries(this.fields)) fields[k] = cut(v, 1);
    return {
      count: m,
      positions,
      offset: [cx, cy, cz],
      colors: this.colors && cut(this.colors, 3),
      normals: this.normals && cut(this.normals, 3),
      fields,
      bbox: m
        ? { min: [this.minX, this.minY, this.minZ], max: [this.maxX, this.maxY, this.maxZ] }
        : { min: [0, 0, 0], max: [0, 0, 0] },
      droppedNonFinite: this.dropped,
      format: meta.format,
      encoding: meta.encoding,
      grid: meta.grid,
    };
  }
}
