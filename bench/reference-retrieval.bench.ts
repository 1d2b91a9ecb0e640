// Reference retrieval for one query of a class with 1,000 reference candidates: describe the query
// (64 × 64 px read, as the worker does) and rank every candidate by similarity. Baseline: the
// offline baseline detector's feature map of that same query on its 128 px working image, work
// every baseline call already pays, so the ratio says what retrieval adds on top of it.
import { prepareImage, toGray } from '@/core/baseline/image-features';
import { imageDescriptor, retrieveNearest, type DescribedCase } from '@/core/knowledge/retrieval';
import { seededRandom } from '@/core/random';

const CANDIDATES = 1000;
const rnd = seededRandom(7);

/** An RGBA image of a bright disc at a random place with noise. */
function disc(side: number): Uint8ClampedArray {
  const px = new Uint8ClampedArray(side * side * 4);
  const cx = side * (0.3 + rnd() * 0.4);
  const cy = side * (0.3 + rnd() * 0.4);
  const r = side * (0.2 + rnd() * 0.1);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const v = ((x - cx) ** 2 + (y - cy) ** 2 < r * r ? 200 : 30) + Math.round((rnd() - 0.5) * 20);
      const o = (y * side + x) * 4;
      px[o] = px[o + 1] = px[o + 2] = v;
      px[o + 3] = 255;
    }
  return px;
}

function timeIt(fn: () => void, reps: number): number {
  for (let i = 0; i < 3; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)];
}

const candidates: DescribedCase[] = Array.from({ length: CANDIDATES }, (_, i) => ({ caseId: `c${i}`, assetId: `a${i}`, descriptor: imageDescriptor(toGray(disc(64), 64, 64)) }));
const query64 = disc(64);
const query128 = disc(128);
let sink = 0;
const ours = timeIt(() => {
  const q: DescribedCase = { caseId: 'q', assetId: 'aq', descriptor: imageDescriptor(toGray(query64, 64, 64)) };
  sink += retrieveNearest(q, candidates, { k: 3, nearDuplicateSimilarity: 0.995 }).picked.length;
}, 30);
const rankOnly = timeIt(() => {
  sink += retrieveNearest(candidates[0], candidates, { k: 3, nearDuplicateSimilarity: 0.995 }).picked.length;
}, 30);
const baseline = timeIt(() => {
  sink += prepareImage(query128, 128, 128, 4).data.length;
}, 30);

console.log(`retrieval for one query among ${CANDIDATES} candidates (describe + rank): ${ours.toFixed(2)} ms; ranking alone ${rankOnly.toFixed(2)} ms`);
console.log(`baseline, the offline detector's feature map of one 128 px query: ${baseline.toFixed(2)} ms; ratio ${(ours / baseline).toFixed(2)}× (ours / baseline)`);
if (Number.isNaN(sink)) console.log('');
