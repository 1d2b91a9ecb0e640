// Metrics for 10,000 results: time to fold results into cases and compute the per-class report
// with AUROC/AP and curves. Baseline: the same AUROC by O(n²) pairwise counting on 2,000 results.
import type { Result } from '@/core/model';
import { caseOutcomes } from '@/core/metrics/case-outcome';
import { computeMetrics, curves } from '@/core/metrics/metrics';

const N = 10_000;
let seed = 1;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const classes = ['bottle', 'cable', 'capsule', 'carpet', 'grid', 'hazelnut', 'leather', 'metal_nut', 'pill', 'screw', 'tile', 'toothbrush', 'transistor', 'wood', 'zipper'];
const cases = Array.from({ length: N }, (_, i) => ({ id: `c${i}`, className: classes[i % classes.length], truth: { status: rnd() < 0.7 ? ('anomalous' as const) : ('normal' as const) } }));
const results: Result[] = cases.map((c, i) => {
  const r = rnd();
  if (r < 0.02) return { id: `r:${c.id}:0`, runId: 'r', caseId: c.id, rep: 0, status: 'error', createdAt: i };
  const score = Math.round(Math.min(1, Math.max(0, (c.truth.status === 'anomalous' ? 0.65 : 0.35) + (rnd() - 0.5) * 0.8)) * 100) / 100;
  return { id: `r:${c.id}:0`, runId: 'r', caseId: c.id, rep: 0, status: 'ok', verdict: score >= 0.5 ? 'anomalous' : 'normal', score, scoreSource: 'confidence', createdAt: i };
});

/** Median ms of `reps` runs after three warm-up runs (the machine may be shared: the median resists stray pauses). */
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

let sink = 0;
const ms = timeIt(() => {
  const rows = caseOutcomes(cases, results);
  const rep = computeMetrics(rows);
  const c = curves(rows);
  sink += (rep.overall.auroc.value ?? 0) + c.roc.length;
}, 20);

const rows0 = caseOutcomes(cases, results);
const foldMs = timeIt(() => void (sink += caseOutcomes(cases, results).length), 20);
const reportMs = timeIt(() => void (sink += computeMetrics(rows0).overall.labelled), 20);
const curveMs = timeIt(() => void (sink += curves(rows0).roc.length), 20);

const small = results.slice(0, 2000).filter((r) => r.status === 'ok');
const truth = new Map(cases.map((c) => [c.id, c.truth.status]));
const baselineMs = timeIt(() => {
  let s = 0;
  let pairs = 0;
  for (const p of small) {
    if (truth.get(p.caseId) !== 'anomalous') continue;
    for (const n of small) {
      if (truth.get(n.caseId) === 'anomalous') continue;
      pairs++;
      s += p.score! > n.score! ? 1 : p.score === n.score ? 0.5 : 0;
    }
  }
  sink += s / pairs;
}, 3);

console.log(`metrics for ${N} results (fold + per-class report + curves): ${ms.toFixed(1)} ms (target ≤ 50 ms)`);
console.log(`  of which: fold repeats ${foldMs.toFixed(1)} ms, per-class report ${reportMs.toFixed(1)} ms, curves ${curveMs.toFixed(1)} ms`);
console.log(`baseline, pairwise AUROC on 2,000 results: ${baselineMs.toFixed(1)} ms; ratio ${(baselineMs / ms).toFixed(1)}× (baseline / ours)`);
if (Number.isNaN(sink)) console.log('');
