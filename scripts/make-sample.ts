// `npm run sample`: writes the sample project to public/sample/ (deterministic: same bytes every run).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSampleProject, manifestText } from '@/core/sample/sample-project';
import { zlibCompress } from '@/lib/export/zip';

const OUT = join(import.meta.dirname, '..', 'public', 'sample');

const { manifest, bytes } = buildSampleProject(7, zlibCompress);
rmSync(OUT, { recursive: true, force: true });
let total = 0;
for (const [path, data] of bytes) {
  const file = join(OUT, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
  total += data.length;
}
const text = manifestText(manifest);
writeFileSync(join(OUT, 'manifest.json'), text);
total += text.length;
console.log(`Wrote ${bytes.size + 1} files, ${(total / 1024).toFixed(0)} KiB, to ${OUT}`);
