import type { RenderInput } from './render-views';
import type { RenderSpec } from './render-spec';
import { seededRandom as rng } from '@/core/random';


export interface BackgroundRemoval {
  /** Indices of the points kept (the part), ascending. */
  kept: Uint32Array;
  /** Points on the fitted plane, or 0 when no dominant plane was found. */
  planePoints: number;
  /** Plane n·p = d in the cloud's re-centred coordinates. */
  plane?: { n: [number, number, number]; d: number };
}

/**
 * Drops the supporting plane of a scan (RANSAC) and keeps the largest connected cluster of what
 * remains, so a part on a table renders as the part. When no plane holds at least `minPlaneShare`
 * of the points, nothing is dropped but the largest cluster is still kept.
 */
export function removeBackground(cloud: RenderInput, opts: { iterations?: number; thresholdRel?: number; minPlaneShare?: number; maxPlanes?: number; seed?: number; planeDistance?: number; clusterGap?: number } = {}): BackgroundRemoval {
  const p = cloud.positions;
  const n = cloud.count;
  const { minX, minY, minZ, maxX, maxY, maxZ } = bounds(p, n);
  const diag = Math.hypot(maxX - minX, maxY - minY, maxZ - minZ) || 1;
  // Distances the user set are in the cloud's units (metres for MVTec 3D-AD); else relative to its size.
  const thr = opts.planeDistance ?? diag * (opts.thresholdRel ?? 0.008);
  const rand = rng(opts.seed ?? 1);
  const keepMask = new Uint8Array(n).fill(1);
  let planePoints = 0;
  let plane: BackgroundRemoval['plane'];
  // A scene may hold a table and a floor or wall: drop dominant planes one after another.
  for (let round = 0; round < (opts.maxPlanes ?? 3); round++) {
    const found = fitPlane(p, keepMask, n, thr, rand, opts.iterations ?? 300);
    if (!found || found.share < (opts.minPlaneShare ?? 0.2)) break;
    plane ??= { n: [found.nx, found.ny, found.nz], d: found.d };
    for (let i = 0; i < n; i++) {
      if (keepMask[i] && Math.abs(found.nx * p[i * 3] + found.ny * p[i * 3 + 1] + found.nz * p[i * 3 + 2] - found.d) < thr) {
        keepMask[i] = 0;
        planePoints++;
      }
    }
  }
  const kept = largestCluster(p, keepMask, n, opts.clusterGap ?? diag / 100);
  return { kept, planePoints, plane };
}

/** The removal options a spec asks for (none: the size-relative defaults). */
export function backgroundOptions(spec: Pick<RenderSpec, 'backgroundDistances'>): { planeDistance?: number; clusterGap?: number } {
  const d = spec.backgroundDistances;
  return { ...(d?.plane ? { planeDistance: d.plane } : {}), ...(d?.gap ? { clusterGap: d.gap } : {}) };
}

/** RANSAC on a fixed sample of the points still kept; millions of points are not needed to find a table. */
function fitPlane(p: Float32Array, mask: Uint8Array, n: number, thr: number, rand: () => number, iterations: number) {
  let live = 0;
  for (let i = 0; i < n; i++) live += mask[i];
  if (live < 3) return undefined;
  const sampleN = Math.min(live, 20000);
  const sample = new Uint32Array(sampleN);
  if (sampleN === live) {
    for (let i = 0, k = 0; i < n; i++) if (mask[i]) sample[k++] = i;
  } else {
    for (let k = 0; k < sampleN; ) {
      const i = Math.floor(rand() * n);
      if (mask[i]) sample[k++] = i;
    }
  }
  let best = { score: -1, nx: 0, ny: 0, nz: 1, d: 0 };
  for (let it = 0; it < iterations; it++) {
    const a = sample[Math.floor(rand() * sampleN)] * 3, b = sample[Math.floor(rand() * sampleN)] * 3, c = sample[Math.floor(rand() * sampleN)] * 3;
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    let nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const l = Math.hypot(nx, ny, nz);
    if (l < 1e-12) continue;
    nx /= l;
    ny /= l;
    nz /= l;
    const d = nx * p[a] + ny * p[a + 1] + nz * p[a + 2];
    let score = 0;
    for (let k = 0; k < sampleN; k++) {
      const i = sample[k] * 3;
      if (Math.abs(nx * p[i] + ny * p[i + 1] + nz * p[i + 2] - d) < thr) score++;
    }
    if (score > best.score) best = { score, nx, ny, nz, d };
  }
  // Share of ALL points, not of those left: after the table is gone, the flat top of a part is
  // most of what remains, and must not count as a second supporting plane.
  return { ...best, share: (best.score / sampleN) * (live / n) };
}

const MAX_CELLS = 4_000_000;

/** Axis-aligned bounds of the first `n` points (only those with `mask[i]` set, when given); Infinity when none. */
function bounds(p: Float32Array, n: number, mask?: Uint8Array) {
  let minX = Infinity, minY = Infinity, minZ = Infinity, maxX = -Infinity, maxY = -Infinity, maxZ = -Infinity;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const x = p[i * 3], y = p[i * 3 + 1], z = p[i * 3 + 2];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    if (z < minZ) minZ = z;
    if (z > maxZ) maxZ = z;
  }
  return { minX, minY, minZ, maxX, maxY, maxZ };
}

/** Largest 26-connected component of occupied voxels (a dense grid of at most ~100³ cells). */
function largestCluster(p: Float32Array, mask: Uint8Array, n: number, voxel: number): Uint32Array {
  const { minX, minY, minZ, maxX, maxY, maxZ } = bounds(p, n, mask);
  if (minX === Infinity) return new Uint32Array(0);
  // A gap set in metres can be tiny against the cloud: coarsen until the grid fits in memory.
  const cells = (v: number) => (Math.floor((maxX - minX) / v) + 1) * (Math.floor((maxY - minY) / v) + 1) * (Math.floor((maxZ - minZ) / v) + 1);
  while (cells(voxel) > MAX_CELLS) voxel *= 1.25;
  const nx = Math.floor((maxX - minX) / voxel) + 1, ny = Math.floor((maxY - minY) / voxel) + 1, nz = Math.floor((maxZ - minZ) / voxel) + 1;
  const cellOf = (i: number) => {
    const cx = Math.min(nx - 1, Math.floor((p[i * 3] - minX) / voxel));
    const cy = Math.min(ny - 1, Math.floor((p[i * 3 + 1] - minY) / voxel));
    const cz = Math.min(nz - 1, Math.floor((p[i * 3 + 2] - minZ) / voxel));
    return (cz * ny + cy) * nx + cx;
  };
  const count = new Uint32Array(nx * ny * nz);
  for (let i = 0; i < n; i++) if (mask[i]) count[cellOf(i)]++;
  const comp = new Int32Array(nx * ny * nz).fill(-1);
  let bestId = -1, bestSize = -1, id = 0;
  const stack: number[] = [];
  for (let s = 0; s < count.length; s++) {
    if (!count[s] || comp[s] >= 0) continue;
    let size = 0;
    comp[s] = id;
    stack.push(s);
    while (stack.length) {
      const c = stack.pop()!;
      size += count[c];
      const x = c % nx, y = Math.floor(c / nx) % ny, z = Math.floor(c / (nx * ny));
      for (let dz = -1; dz <= 1; dz++) {
        const zz = z + dz;
        if (zz < 0 || zz >= nz) continue;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= ny) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            if (xx < 0 || xx >= nx) continue;
            const nb = (zz * ny + yy) * nx + xx;
            if (count[nb] && comp[nb] < 0) {
              comp[nb] = id;
              stack.push(nb);
            }
          }
        }
      }
    }
    if (size > bestSize) {
      bestSize = size;
      bestId = id;
    }
    id++;
  }
  const kept = new Uint32Array(bestSize);
  let m = 0;
  for (let i = 0; i < n; i++) if (mask[i] && comp[cellOf(i)] === bestId) kept[m++] = i;
  return kept;
}
