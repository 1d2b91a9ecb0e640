import { PointCloudError } from './errors';
import { looksLikePcd, parsePcd } from './pcd';
import { looksLikePly, parsePly } from './ply';
import type { PointCloud } from './types';

/**
 * Reads a PLY or PCD file (sniffed from its bytes, not its name). Throws `PointCloudError` with a
 * sentence naming the file; any other failure is wrapped so no raw engine error reaches a user.
 */
export function parsePointCloud(bytes: Uint8Array, fileName: string): PointCloud {
  if (bytes.length === 0) throw new PointCloudError('empty', fileName, 'is an empty file (0 bytes).');
  try {
    if (looksLikePly(bytes)) return parsePly(bytes, fileName);
    if (looksLikePcd(bytes)) return parsePcd(bytes, fileName);
  } catch (e) {
    if (e instanceof PointCloudError) throw e;
    throw new PointCloudError('damaged', fileName, `could not be read: its data is damaged or uses a layout this reader does not know (${e instanceof RangeError ? 'data ends early or a size is out of range' : 'unexpected content'}).`);
  }
  throw new PointCloudError('unknown-format', fileName, 'is neither a PLY file (starting with "ply") nor a PCD file (starting with a VERSION or FIELDS header).');
}
