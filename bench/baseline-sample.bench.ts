// Offline baseline on the committed sample project (public/sample): AUROC per class and time per
// case, against a named baseline measured in the same run — "wide search": the same features with
// a plain ±12 px per-patch search and no global alignment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { prepareImage, type FeatureMap } from '@/core/baseline/image-features';
import { calibrate, detect, distanceMap, mapSize, smooth, type Calibration } from '@/core/baseline/patch-detector';
import { auroc as aurocOf } from '@/core/metrics/ranking';

const auroc = (scores: number[], positive: boolean[]) => aurocOf(scores.map((score, i) => ({ score, positive: positive[i] })));
import type { SampleManifest } from '@/core/sample/sample-project';

const DIR = join(import.meta.dirname, '..', 'public', 'sample');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as SampleManifest;
const load = (path: string): FeatureMap => {
  const png = PNG.sync.read(readFileSync(join(DIR, path)));
  return prepareImage(png.data, png.width, png.height, 4);
};

/** The named baseline: nearest neighbour within ±12 px around the same position, no alignment. */
function wideSearchScore(q: FeatureMap, refs: FeatureMap[], normalPeak: number): number {
  const { w, h } = mapSize(q);
  const m = smooth(distanceMap(q, refs, 12, false), w, h);
  let peak = 0;
  for (const v of m) peak = Math.max(peak, v);
  return 1 / (1 + Math.exp(-5 * (peak / normalPeak - 1)));
}

const rows: string[] = [];
let tOurs = 0;
let tWide = 0;
let n = 0;
const all: { p: boolean; ours: number; wide: number }[] = [];
for (const cls of [...new Set(manifest.files.filter((f) => f.kind === 'image').map((f) => f.className))]) {
  const files = manifest.files.filter((f) => f.className === cls);
  const refs = files.filter((f) => f.role === 'reference').map((f) => load(f.path));
  const calib = calibrate(refs) as Calibration;
  const tests = files.filter((f) => f.role === 'test');
  const res: { p: boolean; ours: number; wide: number }[] = [];
  for (const f of tests) {
    const q = load(f.path);
    let t0 = performance.now();
    const ours = detect(q, refs, calib).score;
    tOurs += performance.now() - t0;
    t0 = performance.now();
    const wide = wideSearchScore(q, refs, calib.normalPeak);
    tWide += performance.now() - t0;
    n++;
    res.push({ p: f.truth.status === 'anomalous', ours, wide });
  }
  all.push(...res);
  const a = (k: 'ours' | 'wide') => auroc(res.map((r) => r[k]), res.map((r) => r.p))!.toFixed(3);
  rows.push(`${cls.padEnd(8)} cases ${String(res.length).padStart(3)}  AUROC aligned ${a('ours')}  wide search ${a('wide')}`);
}
console.log(rows.join('\n'));
const A = (k: 'ours' | 'wide') => auroc(all.map((r) => r[k]), all.map((r) => r.p))!.toFixed(3);
console.log(`all      cases ${String(all.length).padStart(3)}  AUROC aligned ${A('ours')}  wide search ${A('wide')}`);
console.log(`time per case: aligned ${(tOurs / n).toFixed(0)} ms, wide search ${(tWide / n).toFixed(0)} ms (ratio wide/aligned ${(tWide / tOurs).toFixed(2)}×)`);
