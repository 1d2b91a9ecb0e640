/**
 * Per-point ground truth of Real3D-AD (`<class>/gt/<stem>.txt`, `x y z label` space-separated)
 * and Anomaly-ShapeNet (`GT/<stem>.txt`, `x,y,z,label` comma-separated): read the rows, lay
 * them onto the points of the case's own cloud, and keep the result as a compact bit mask.
 *
 * The datasets' loaders (Real3D-AD's `dataset_pc.py`) read the label file as the test cloud
 * itself, so nothing promises its rows follow the PCD's point order. Rows are taken in order
 * only when every row sits on the cloud point of the same index; otherwise each cloud point
 * takes the label of the nearest row within a small radius (a hashed voxel grid, linear time).
 */
import { PointCloudError } from './errors';

export interface PointLabels {
  count: number;
  /** x y z per row, the file's own coordinates. */
  xyz: Float64Array;
  /** 1 = anomalous (any non-zero label), 0 = normal. */
  labels: Uint8Array;
}

const SEPARATORS = /[\s,;]+/;

/** Reads `x y z label` rows (spaces, tabs or commas); lines that are not four numbers (headers) are passed over. */
export function parsePointLabels(text: string, fileName: string): PointLabels {
  const lines = text.split('\n');
  const xyz = new Float64Array(lines.length * 3);
  const labels = new Uint8Array(lines.length);
  let n = 0;
  for (const line of lines) {
    const t = line.trim();
    if (!t) continue;
    const parts = t.split(SEPARATORS);
    if (parts.length < 4) continue;
    const x = Number(parts[0]), y = Number(parts[1]), z = Number(parts[2]), l = Number(parts[3]);
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z) || !Number.isFinite(l)) continue;
    xyz[n * 3] = x;
    xyz[n * 3 + 1] = y;
    xyz[n * 3 + 2] = z;
    labels[n] = l !== 0 ? 1 : 0;
    n++;
  }
  if (n === 0) throw new PointCloudError('empty', fileName, 'holds no "x y z label" rows, so it labels no points.');
  return { count: n, xyz: xyz.slice(0, n * 3), labels: labels.slice(0, n) };
}

export interface MatchedMask {
  /** One byte per cloud point: 1 = anomalous. */
  mask: Uint8Array;
  anomalous: number;
  /** 'order': row k is point k; 'nearest': each point took its nearest row's label. */
  by: 'order' | 'nearest';
  /** Cloud points with no labelled row within the radius (left normal). */
  unmatched: number;
}

/** What the matcher needs of a cloud (a `PointCloud` fits): re-centred positions plus the offset back to file coordinates. */
export interface LabelTarget {
  count: number;
  positions: Float32Array;
  offset: [number, number, number];
}

function diagonal(xyz: ArrayLike<number>, n: number): number {
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++)
    for (let c = 0; c < 3; c++) {
      const v = xyz[i * 3 + c];
      if (v < lo[c]) lo[c] = v;
      if (v > hi[c]) hi[c] = v;
    }
  return Math.hypot(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]) || 1;
}

/** True when row k lies on point k for every k (float32 storage of the cloud allows a small slack). */
function sameOrder(cloud: LabelTarget, rows: PointLabels, tol: number): boolean {
  if (cloud.count !== rows.count) return false;
  const p = cloud.positions, o = cloud.offset, q = rows.xyz;
  for (let i = 0; i < cloud.count; i++) {
    if (Math.abs(p[i * 3] + o[0] - q[i * 3]) > tol || Math.abs(p[i * 3 + 1] + o[1] - q[i * 3 + 1]) > tol || Math.abs(p[i * 3 + 2] + o[2] - q[i * 3 + 2]) > tol) return false;
  }
  return true;
}

const HASH_BITS = 20;

/** Lays label rows onto a cloud's points; see the file comment for the two ways. */
export function matchPointLabels(cloud: LabelTarget, rows: PointLabels): MatchedMask {
  const diag = diagonal(rows.xyz, rows.count);
  const mask = new Uint8Array(cloud.count);
  if (sameOrder(cloud, rows, diag * 1e-5)) {
    mask.set(rows.labels);
    let anomalous = 0;
    for (let i = 0; i < mask.length; i++) anomalous += mask[i];
    return { mask, anomalous, by: 'order', unmatched: 0 };
  }
  // Radius: a few times the rows' mean spacing on a surface (area ~ diag², spacing ~ diag / √n).
  const r = (3 * diag) / Math.sqrt(rows.count);
  const inv = 1 / r;
  const size = 1 << HASH_BITS;
  const head = new Int32Array(size).fill(-1);
  const next = new Int32Array(rows.count);
  const cell = (v: number) => Math.floor(v * inv);
  const hash = (ix: number, iy: number, iz: number) => ((Math.imul(ix, 73856093) ^ Math.imul(iy, 19349663) ^ Math.imul(iz, 83492791)) >>> 0) & (size - 1);
  const q = rows.xyz;
  for (let k = 0; k < rows.count; k++) {
    const h = hash(cell(q[k * 3]), cell(q[k * 3 + 1]), cell(q[k * 3 + 2]));
    next[k] = head[h];
    head[h] = k;
  }
  const p = cloud.positions, o = cloud.offset;
  let anomalous = 0, unmatched = 0;
  for (let i = 0; i < cloud.count; i++) {
    const x = p[i * 3] + o[0], y = p[i * 3 + 1] + o[1], z = p[i * 3 + 2] + o[2];
    const cx = cell(x), cy = cell(y), cz = cell(z);
    let best = r * r, label = -1;
    for (let dz = -1; dz <= 1; dz++)
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          for (let k = head[hash(cx + dx, cy + dy, cz + dz)]; k >= 0; k = next[k]) {
            const ex = q[k * 3] - x, ey = q[k * 3 + 1] - y, ez = q[k * 3 + 2] - z;
            const d = ex * ex + ey * ey + ez * ez;
            if (d <= best) {
              best = d;
              label = rows.labels[k];
            }
          }
        }
    if (label < 0) unmatched++;
    else if (label) {
      mask[i] = 1;
      anomalous++;
    }
  }
  return { mask, anomalous, by: 'nearest', unmatched };
}

const MAGIC = [0x50, 0x4d, 0x53, 0x4b]; // "PMSK"

/** A per-point mask as stored: "PMSK", the point count (uint32 LE), then one bit per point (LSB first). */
export function encodePointMask(mask: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + Math.ceil(mask.length / 8));
  out.set(MAGIC);
  new DataView(out.buffer).setUint32(4, mask.length, true);
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[8 + (i >> 3)] |= 1 << (i & 7);
  return out;
}

export function isPointMask(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && MAGIC.every((b, i) => bytes[i] === b);
}

/** The stored form back to one byte per point; undefined when the bytes are not a point mask. */
export function decodePointMask(bytes: Uint8Array): Uint8Array | undefined {
  if (!isPointMask(bytes)) return undefined;
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (bytes.length < 8 + Math.ceil(n / 8)) return undefined;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = (bytes[8 + (i >> 3)] >> (i & 7)) & 1;
  return mask;
}

/** Stored format name of a per-point mask asset. */
export const POINT_MASK_FORMAT = 'point-mask';
export const POINT_MASK_MIME = 'application/x-point-mask';
