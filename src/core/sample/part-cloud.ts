/**
 * A synthetic scanned part as a binary PLY: a 40 × 40 mm plate with a round boss in the middle,
 * sampled as a scanner would (jittered grid, small depth noise). The defective variant has a
 * dent or a bump on the plate.
 */
import { seededRandom } from '@/core/random';

export interface CloudSpec {
  seed: number;
  defect?: 'dent' | 'bump';
}

/** Points per side of the scan grid. */
const GRID = 72;
const SIZE_MM = 40;

/** Heights in mm at (x, y) mm, plate centred at 0. */
function surface(x: number, y: number, spec: CloudSpec, d: { x: number; y: number }): number {
  const r = Math.hypot(x, y);
  // Boss: 6 mm radius, 3 mm high, with a 1 mm chamfer.
  let z = r < 6 ? 3 : r < 7 ? 3 - (r - 6) * 3 : 0;
  if (spec.defect) {
    const g = Math.exp(-((x - d.x) ** 2 + (y - d.y) ** 2) / (2 * 2.2 ** 2));
    z += (spec.defect === 'dent' ? -1.6 : 1.6) * g;
  }
  return z;
}

/** Binary little-endian PLY bytes with float x, y, z in mm. */
export function renderCloudPly(spec: CloudSpec): Uint8Array {
  const rnd = seededRandom(spec.seed);
  const tilt = (rnd() - 0.5) * 0.02;
  const d = { x: 9 + rnd() * 6, y: -(9 + rnd() * 6) };
  const pts: number[] = [];
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      const x = (i / (GRID - 1) - 0.5) * SIZE_MM + (rnd() - 0.5) * 0.3;
      const y = (j / (GRID - 1) - 0.5) * SIZE_MM + (rnd() - 0.5) * 0.3;
      const z = surface(x, y, spec, d) + tilt * x + (rnd() - 0.5) * 0.06;
      pts.push(x, y, z);
    }
  }
  const n = pts.length / 3;
  const header = `ply\nformat binary_little_endian 1.0\ncomment sample part, units mm\nelement vertex ${n}\nproperty float x\nproperty float y\nproperty float z\nend_header\n`;
  const head = new TextEncoder().encode(header);
  const out = new Uint8Array(head.length + n * 12);
  out.set(head, 0);
  const dv = new DataView(out.buffer, head.length);
  for (let i = 0; i < pts.length; i++) dv.setFloat32(i * 4, pts[i], true);
  return out;
}
