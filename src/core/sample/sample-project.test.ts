import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { BASELINE_NOTE, buildSampleProject, SAMPLE_COUNTS, STORY_CASES } from '@/core/sample/sample-project';
import { prepareImage } from '@/core/baseline/image-features';
import { calibrate, detect } from '@/core/baseline/patch-detector';
import { auroc } from '@/core/metrics/ranking';
import { conveyorFrames, CONVEYOR_VIDEO, EVENT_FROM_FRAME } from '@/core/sample/conveyor-video';

const digest = (p: ReturnType<typeof buildSampleProject>) => {
  const h = createHash('sha256');
  for (const [path, data] of [...p.bytes].sort(([a], [b]) => a.localeCompare(b))) h.update(path).update(data);
  return h.update(JSON.stringify(p.manifest)).digest('hex');
};

describe('sample project', () => {
  const a = buildSampleProject(7);

  it('gives the same bytes for the same seed and different bytes for another seed', () => {
    expect(digest(buildSampleProject(7))).toBe(digest(a));
    expect(digest(buildSampleProject(8))).not.toBe(digest(a));
  });

  it('lists every file in the manifest, with labels, and each class has references, normals and defects', () => {
    expect(a.manifest.files.filter((f) => !f.generate).map((f) => f.path).sort()).toEqual([...a.bytes.keys()].sort());
    for (const cls of ['washer', 'pcb', 'fabric']) {
      const files = a.manifest.files.filter((f) => f.className === cls && !f.story);
      expect(files.filter((f) => f.role === 'reference')).toHaveLength(SAMPLE_COUNTS.references);
      expect(files.filter((f) => f.role === 'test' && f.truth.status === 'normal')).toHaveLength(SAMPLE_COUNTS.normals);
      const defects = files.filter((f) => f.truth.status === 'anomalous');
      expect(defects).toHaveLength(SAMPLE_COUNTS.defects);
      expect(new Set(defects.map((f) => f.truth.defectType)).size).toBe(3);
      expect(a.manifest.prompts.find((p) => p.className === cls)?.rules.length).toBeGreaterThan(1);
    }
  });

  it('writes PNGs any decoder reads, with visible differences between a normal and a defective part', () => {
    const good = PNG.sync.read(Buffer.from(a.bytes.get('washer/test/good-01.png')!));
    expect([good.width, good.height]).toEqual([192, 192]);
    const bad = PNG.sync.read(Buffer.from(a.bytes.get('washer/test/broken-rim-02.png')!));
    let differing = 0;
    for (let i = 0; i < good.data.length; i += 4) if (Math.abs(good.data[i] - bad.data[i]) > 60) differing++;
    expect(differing).toBeGreaterThan(200);
  });

  it('writes a point-cloud pair as binary PLY with a dent that lowers some points', () => {
    const head = (p: string) => new TextDecoder().decode(a.bytes.get(p)!.subarray(0, 200));
    expect(head('plate-3d/test/dent-01.ply')).toMatch(/^ply\nformat binary_little_endian 1\.0\n[\s\S]*element vertex 5184\n/);
    const zs = (p: string) => {
      const b = a.bytes.get(p)!;
      const off = new TextDecoder().decode(b).indexOf('end_header\n') + 'end_header\n'.length;
      const dv = new DataView(b.buffer, b.byteOffset + off);
      const out: number[] = [];
      for (let i = 0; i < 5184; i++) out.push(dv.getFloat32(i * 12 + 8, true));
      return out;
    };
    expect(Math.min(...zs('plate-3d/test/dent-01.ply'))).toBeLessThan(-1);
    expect(Math.min(...zs('plate-3d/test/good-01.ply'))).toBeGreaterThan(-0.5);
  });

  it('describes the conveyor video by seed: same frames every time, the bolt only in the abnormal one from its frame on', () => {
    const videos = a.manifest.files.filter((f) => f.kind === 'video');
    expect(videos.map((f) => [f.role, f.truth.status])).toEqual([['reference', 'normal'], ['reference', 'normal'], ['reference', 'normal'], ['test', 'normal'], ['test', 'anomalous']]);
    const event = videos.find((f) => f.generate?.event)!.generate!;
    const hash = (frames: Uint8Array[]) => frames.reduce((h, f) => h.update(f), createHash('sha256')).digest('hex');
    expect(hash(conveyorFrames(event))).toBe(hash(conveyorFrames(event)));
    const withBolt = conveyorFrames(event);
    const without = conveyorFrames({ seed: event.seed });
    expect(withBolt).toHaveLength(CONVEYOR_VIDEO.frames);
    const orange = (f: Uint8Array) => {
      let n = 0;
      for (let i = 0; i < f.length; i += 3) if (f[i] > 150 && f[i + 2] < 90) n++;
      return n;
    };
    expect(orange(withBolt[EVENT_FROM_FRAME - 1])).toBe(0);
    expect(orange(withBolt[EVENT_FROM_FRAME])).toBeGreaterThan(40);
    expect(orange(without[CONVEYOR_VIDEO.frames - 1])).toBe(0);
  });

  it('tells a story: the baseline misses the brass washer and flags the batch code, and the note states its AUROC', () => {
    const features = (path: string) => {
      const png = PNG.sync.read(Buffer.from(a.bytes.get(path)!));
      return prepareImage(png.data, png.width, png.height, 4);
    };
    const scores = new Map<string, number>();
    const perClass: Record<string, number> = {};
    for (const cls of ['washer', 'pcb']) {
      const files = a.manifest.files.filter((f) => f.className === cls);
      const refs = files.filter((f) => f.role === 'reference').map((f) => features(f.path));
      const calibration = calibrate(refs)!;
      const tests = files.filter((f) => f.role === 'test');
      for (const f of tests) scores.set(f.path, detect(features(f.path), refs, calibration).score);
      perClass[cls] = auroc(tests.map((f) => ({ score: scores.get(f.path)!, positive: f.truth.status === 'anomalous' })))!;
    }
    const [brass, code] = STORY_CASES;
    expect(brass.truth.status).toBe('anomalous');
    expect(scores.get(brass.path)).toBeLessThan(0.5);
    expect(code.truth.status).toBe('normal');
    expect(scores.get(code.path)).toBeGreaterThan(0.5);
    // Every other case in these classes is on the right side of 0.5.
    for (const [path, score] of scores) {
      if (STORY_CASES.some((s) => s.path === path)) continue;
      const truth = a.manifest.files.find((f) => f.path === path)!.truth.status;
      expect(score > 0.5, path).toBe(truth === 'anomalous');
    }
    expect(BASELINE_NOTE).toContain(`washer ${perClass.washer.toFixed(3)}`);
    expect(BASELINE_NOTE).toContain(`pcb ${perClass.pcb.toFixed(3)}`);
    expect(a.manifest.notes).toContain(BASELINE_NOTE);
    // The brass washer has the steel's grey levels but not its colour.
    const png = PNG.sync.read(Buffer.from(a.bytes.get(brass.path)!));
    const mid = (png.width * (png.height / 2) + Math.round(png.width * 0.2)) * 4;
    expect(png.data[mid] - png.data[mid + 2]).toBeGreaterThan(60);
  });
});
