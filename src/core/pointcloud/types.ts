/** A parsed point cloud: typed arrays ready to transfer to a worker or upload to the GPU. */
export interface PointCloud {
  /** Number of points kept (non-finite points dropped). */
  count: number;
  /** x y z per point, re-centred: file coordinate = position + offset. */
  positions: Float32Array;
  /** Added back to `positions` to get the file's coordinates (the bounding-box centre). */
  offset: [number, number, number];
  /** r g b per point, 0–255, sRGB as stored in the file. */
  colors?: Uint8Array;
  /** nx ny nz per point, as stored. */
  normals?: Float32Array;
  /** Other per-point scalars by their name in the file (intensity, curvature, label …). */
  fields: Record<string, Float32Array>;
  /** Bounding box in the file's own coordinates, over kept points. */
  bbox: { min: [number, number, number]; max: [number, number, number] };
  /** Points the file declared but that had a NaN, infinite or absurdly large (beyond ±1e18) coordinate. */
  droppedNonFinite: number;
  format: 'ply' | 'pcd' | 'tiff-xyz';
  /** e.g. 'ascii', 'binary_little_endian', 'binary_compressed'. */
  encoding: string;
  /** Organised clouds (PCD HEIGHT > 1): the declared grid. */
  grid?: { width: number; height: number };
}
