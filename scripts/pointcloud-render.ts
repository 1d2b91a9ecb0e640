// Renders a PLY/PCD file with a render spec into one PNG (views tiled) to look at renders:
// npx tsx scripts/pointcloud-render.ts FILE OUT.png [SPEC_JSON]
import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { parsePointCloud } from '../src/core/pointcloud/parse-point-cloud';
import { renderViews, tileViews } from '../src/core/pointcloud/render-views';
import { normalizeRenderSpec } from '../src/core/pointcloud/render-spec';
import { removeBackground } from '../src/core/pointcloud/remove-background';
const [file, out, specJson] = process.argv.slice(2);
const c = parsePointCloud(new Uint8Array(readFileSync(file)), file);
const spec = normalizeRenderSpec(JSON.parse(specJson ?? '{}'));
const t0 = performance.now();
const subset = spec.removeBackground ? removeBackground(c).kept : undefined;
const views = renderViews(c, spec, subset);
console.log('ms', performance.now() - t0, views.map((v) => v.label).join(' | '), subset?.length, c.count);
const g = tileViews(views, '#444444');
const png = new PNG({ width: g.width, height: g.height });
png.data = Buffer.from(g.rgba.buffer);
writeFileSync(out, PNG.sync.write(png));
