import { describe, expect, it } from 'vitest';
import { prepareImage } from '@/core/baseline/image-features';
import { calibrate, detect } from '@/core/baseline/patch-detector';
import { IMAGE_SIDE_PX, renderPart, type SampleClass } from '@/core/sample/part-images';
import { buildSampleProject } from '@/core/sample/sample-project';
import { seedFrom } from '@/core/random';
import { auroc as aurocOf } from '@/core/metrics/ranking';

const auroc = (scores: number[], positive: boolean[]) => aurocOf(scores.map((score, i) => ({ score, positive: positive[i] })));

describe('offline baseline on the sample project', () => {
  it('separates normal from defective parts in every image class (AUROC ≥ 0.9)', () => {
    // The same pixels the sample PNGs hold, without the PNG round trip.
    const { manifest } = buildSampleProject(7);
    const pixels = (path: string, cls: string, defect?: string) => {
      const kind = defect === undefined ? undefined : (['scratch', 'missing', 'contamination'] as const)[(Number(path.slice(-6, -4)) - 1) % 3];
      return prepareImage(renderPart({ className: cls as SampleClass, seed: seedFrom(`7:${path}`), defect: kind }), IMAGE_SIDE_PX, IMAGE_SIDE_PX, 3);
    };
    const all: { s: number; p: boolean }[] = [];
    for (const cls of ['washer', 'pcb', 'fabric']) {
      const files = manifest.files.filter((f) => f.className === cls);
      const refs = files.filter((f) => f.role === 'reference').map((f) => pixels(f.path, cls));
      const calib = calibrate(refs);
      const tests = files.filter((f) => f.role === 'test').map((f) => ({ p: f.truth.status === 'anomalous', s: detect(pixels(f.path, cls, f.truth.defectType), refs, calib).score }));
      const a = auroc(tests.map((t) => t.s), tests.map((t) => t.p))!;
      console.log(`${cls}: AUROC ${a.toFixed(3)}; scores normal ${tests.filter((t) => !t.p).map((t) => t.s.toFixed(2)).join(' ')} | defective ${tests.filter((t) => t.p).map((t) => t.s.toFixed(2)).join(' ')}`);
      expect(a, cls).toBeGreaterThanOrEqual(0.9);
      all.push(...tests);
    }
    const overall = auroc(all.map((t) => t.s), all.map((t) => t.p))!;
    console.log(`all image classes: AUROC ${overall.toFixed(3)} over ${all.length} cases`);
    expect(overall).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
