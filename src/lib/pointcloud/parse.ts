/**
 * Any point-cloud file the workbench takes, from bytes: PLY and PCD through the core parsers,
 * organised XYZ TIFF scans (MVTec 3D-AD) through the TIFF seam. Runs in the point-cloud worker.
 */
import { parsePointCloud } from '@/core/pointcloud/parse-point-cloud';
import { organisedXyzToCloud } from '@/core/pointcloud/organised-xyz';
import { PointCloudError } from '@/core/pointcloud/errors';
import type { PointCloud } from '@/core/pointcloud/types';
import { decodeXyzTiff } from '@/lib/images/tiff';

const isTiff = (b: Uint8Array) => b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a));

export function parseCloudFile(bytes: Uint8Array, fileName: string): PointCloud {
  if (!isTiff(bytes)) return parsePointCloud(bytes, fileName);
  let grid;
  try {
    grid = decodeXyzTiff(bytes);
  } catch (err) {
    throw new PointCloudError('damaged', fileName, `cannot be read as a 3D scan: ${err instanceof Error ? err.message : 'its TIFF data is damaged'}.`);
  }
  return organisedXyzToCloud(grid.xyz, grid.width, grid.height, fileName);
}
