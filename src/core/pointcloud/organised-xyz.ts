import { CloudBuilder } from './cloud-builder';
import { PointCloudError } from './errors';
import type { PointCloud } from './types';

/** Name of the per-point field holding the point's pixel index (row × width + column) in its grid. */
export const PIXEL_FIELD = 'pixel';

/**
 * An organised cloud (one x y z triple per pixel, as MVTec 3D-AD stores its scans in float32
 * TIFFs) as a point cloud. A pixel with all three coordinates zero is a hole in the scan, not a
 * point at the origin, and is left out like a non-finite one. Each point keeps its pixel index in
 * the `pixel` field, so masks and the RGB photo of the same grid map onto points.
 */
export function organisedXyzToCloud(xyz: ArrayLike<number>, width: number, height: number, fileName: string): PointCloud {
  const n = width * height;
  if (!(n > 0) || xyz.length < n * 3) {
    throw new PointCloudError('truncated', fileName, `holds ${Math.floor(xyz.length / 3)} points but declares a ${width} × ${height} grid, so the file is cut off.`);
  }
  let holes = 0;
  for (let i = 0; i < n; i++) if (xyz[i * 3] === 0 && xyz[i * 3 + 1] === 0 && xyz[i * 3 + 2] === 0) holes++;
  const b = new CloudBuilder(n - holes, { colors: false, normals: false, fieldNames: [PIXEL_FIELD] });
  const pixel = b.fields[PIXEL_FIELD];
  for (let i = 0; i < n; i++) {
    const x = xyz[i * 3], y = xyz[i * 3 + 1], z = xyz[i * 3 + 2];
    if (x === 0 && y === 0 && z === 0) continue;
    const k = b.add(x, y, z);
    if (k >= 0) pixel[k] = i;
  }
  if (b.m === 0) throw new PointCloudError('empty', fileName, `is an organised ${width} × ${height} scan in which every pixel is empty (all coordinates zero or not finite), so there is nothing to show.`);
  return b.finish({ format: 'tiff-xyz', encoding: 'organised float32', grid: { width, height } });
}
