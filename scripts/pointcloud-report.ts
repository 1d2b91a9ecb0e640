// Parses every .ply/.pcd under a folder and prints one JSON line per file:
// {"file","ok","points","bbox","color","fields","ms","error"} — how anyone checks a folder of scans.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parsePointCloud } from '../src/core/pointcloud/parse-point-cloud';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ply|pcd)$/i.test(name)) out.push(p);
  }
  return out;
}

const dir = process.argv[2];
if (!dir) {
  console.error('Usage: npm run pointcloud-report -- DIR   (parses every .ply and .pcd under DIR)');
  process.exit(2);
}
let files: string[];
try {
  files = walk(dir);
} catch {
  console.error(`Cannot read the folder "${dir}"; check the path.`);
  process.exit(2);
}
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(file));
  const t0 = performance.now();
  const name = relative(dir, file);
  try {
    const c = parsePointCloud(bytes, name);
    const ms = performance.now() - t0;
    const fields = [...(c.normals ? ['normal_x', 'normal_y', 'normal_z'] : []), ...Object.keys(c.fields)];
    console.log(JSON.stringify({ file: name, ok: true, points: c.count, bbox: [c.bbox.min, c.bbox.max], color: !!c.colors, fields, ms: Math.round(ms * 10) / 10, error: null, ...(c.droppedNonFinite ? { droppedNonFinite: c.droppedNonFinite } : {}) }));
  } catch (e) {
    const ms = performance.now() - t0;
    console.log(JSON.stringify({ file: name, ok: false, points: 0, bbox: null, color: false, fields: [], ms: Math.round(ms * 10) / 10, error: e instanceof Error ? e.message : String(e) }));
  }
}
