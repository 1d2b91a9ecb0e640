/**
 * The sample project: every file and the manifest that describes it, built from seeds alone.
 * `scripts/make-sample.ts` writes it to `public/sample/`; the app loads it from there.
 */
import { encodePngRgb, storedZlib, type Zlib } from '@/core/sample/png';
import { IMAGE_SIDE_PX, renderPart, type DefectKind, type SampleClass, type StoryVariant } from '@/core/sample/part-images';
import { renderCloudPly } from '@/core/sample/part-cloud';
import { seedFrom } from '@/core/random';
import { CONVEYOR_VIDEO } from '@/core/sample/conveyor-video';

export const SAMPLE_FORMAT = 'anomaly-workbench-sample';
export const SAMPLE_VERSION = 1;

export interface SampleFile {
  /** Path under `/sample/`, e.g. "washer/test/scratch-01.png". */
  path: string;
  kind: 'image' | 'pointcloud' | 'video';
  /**
   * Made in the browser when the sample loads, not shipped as bytes (videos: encoders differ
   * between machines). The file at `path` does not exist.
   */
  generate?: { kind: 'conveyor-video'; seed: number; event?: 'foreign-object' };
  className: string;
  role: 'test' | 'reference';
  truth: { status: 'normal' | 'anomalous'; defectType?: string; anomalyKind?: 'logical' | 'structural' };
  /** Why the file is in the sample beyond the counts per class (the story a demo tells). */
  story?: string;
}

export interface SampleRule {
  id: string;
  text: string;
}

/** One prompt per class, as plain data; the loader turns it into a prompt with a first version. */
export interface SamplePrompt {
  name: string;
  className: string;
  task: string;
  classContext: string;
  rules: SampleRule[];
  tolerated: string[];
}

export interface SampleManifest {
  format: typeof SAMPLE_FORMAT;
  version: typeof SAMPLE_VERSION;
  name: string;
  description: string;
  files: SampleFile[];
  prompts: SamplePrompt[];
  /** What the sample does not contain, said plainly. */
  notes: string[];
}

export interface SampleProject {
  manifest: SampleManifest;
  /** Bytes per manifest path. */
  bytes: Map<string, Uint8Array>;
}

const TASK =
  'Decide whether the last image shows a defective part. The first images show normal parts of the same class. Check every rule, explain what you see, then give the verdict.';

const PROMPTS: Omit<SamplePrompt, 'task'>[] = [
  {
    name: 'Washer inspection',
    className: 'washer',
    classContext: 'A flat brushed-steel washer seen from above on a dark conveyor belt, lit from the upper left.',
    rules: [
      { id: 'R1', text: 'The outer rim is a closed, unbroken circle.' },
      { id: 'R2', text: 'The metal surface has no scratches or bright lines across the grain.' },
      { id: 'R3', text: 'No dark spots, oil or foreign material on the ring.' },
      { id: 'R4', text: 'The washer is bare steel, grey like the references; a brass or copper-coloured washer is the wrong part.' },
    ],
    tolerated: ['Fine concentric grain of the brushed metal', 'Small changes of position and brightness'],
  },
  {
    name: 'Circuit board inspection',
    className: 'pcb',
    classContext: 'A small green circuit board with six black chips in two rows, gold pads and four mounting holes, seen from above.',
    rules: [
      { id: 'R1', text: 'All six chips are present, each over its row of gold pads.' },
      { id: 'R2', text: 'No solder blobs or metal splashes between pads or on the board.' },
      { id: 'R3', text: 'Traces are continuous, without scratches.' },
    ],
    tolerated: ['Slight shift of the board in the frame', 'Small brightness differences', 'A white batch code printed along the bottom edge; it changes from board to board'],
  },
  {
    name: 'Fabric inspection',
    className: 'fabric',
    classContext: 'A close-up of beige plain-weave cotton fabric, threads about 4 px apart.',
    rules: [
      { id: 'R1', text: 'The weave is intact: no holes or broken threads.' },
      { id: 'R2', text: 'No stains or discoloured patches.' },
      { id: 'R3', text: 'No pulled or shiny threads across the weave.' },
    ],
    tolerated: ['Weave phase and slight brightness changes between photos'],
  },
  {
    name: 'Plate scan inspection',
    className: 'plate-3d',
    classContext: 'A 40 × 40 mm flat plate with a round boss in the middle, scanned as a 3D point cloud and shown as depth views.',
    rules: [
      { id: 'R1', text: 'The plate surface is flat apart from the central boss.' },
      { id: 'R2', text: 'No dents or bumps anywhere on the plate.' },
    ],
    tolerated: ['Scanner noise below 0.1 mm', 'A slight tilt of the whole plate'],
  },
  {
    name: 'Conveyor video inspection',
    className: 'conveyor',
    classContext: 'Frames from a fixed camera above a conveyor belt carrying steel washers from left to right, evenly spaced.',
    rules: [
      { id: 'R1', text: 'Only washers are on the belt: no loose parts, tools or debris.' },
      { id: 'R2', text: 'Washers stay evenly spaced and keep moving from frame to frame.' },
    ],
    tolerated: ['Belt slats passing by', 'Small brightness changes between frames'],
  },
];

const DEFECTS: DefectKind[] = ['scratch', 'missing', 'contamination'];
const DEFECT_NAMES: Record<SampleClass, Record<DefectKind, string>> = {
  washer: { scratch: 'scratch', missing: 'broken-rim', contamination: 'oil-spot' },
  pcb: { scratch: 'scratched-trace', missing: 'missing-chip', contamination: 'solder-splash' },
  fabric: { scratch: 'pulled-thread', missing: 'hole', contamination: 'stain' },
};

/** The cases a demo turns to: where the offline baseline is wrong and the prompt's rules are right. */
export const STORY_CASES: { path: string; className: SampleClass; variant: StoryVariant; truth: SampleFile['truth']; story: string }[] = [
  {
    path: 'washer/test/brass-washer-01.png',
    className: 'washer',
    variant: 'brass',
    truth: { status: 'anomalous', defectType: 'wrong-material', anomalyKind: 'logical' },
    story: 'A logical anomaly: a brass washer of the same shape and brightness. The baseline compares grey levels and calls it normal; rule R4 names the material.',
  },
  {
    path: 'pcb/test/good-batch-code-01.png',
    className: 'pcb',
    variant: 'batch-code',
    truth: { status: 'normal' },
    story: 'A harmless variation: a batch code printed on the margin. The baseline flags the new marks; the prompt tolerates batch codes.',
  },
];

/**
 * What the offline baseline scores on the sample's images (`npm run bench` → baseline-sample prints it;
 * a unit test recomputes it): the story cases are its only mistakes.
 */
export const BASELINE_NOTE =
  'The offline baseline (Share → Run baseline) reaches AUROC washer 0.886, pcb 0.861, fabric 1.000 (all images 0.931): it calls the brass washer normal and the board with a batch code anomalous. A prompt whose rules name the material and tolerate batch codes gets both right.';

/** References, normal tests and defective tests per image class (the story cases come on top). */
export const SAMPLE_COUNTS = { references: 4, normals: 5, defects: 6 } as const;

function pad(n: number) {
  return String(n).padStart(2, '0');
}

/** Builds every file of the sample project. Same seed and compressor → same bytes. */
export function buildSampleProject(seed = 7, zlib: Zlib = storedZlib): SampleProject {
  const files: SampleFile[] = [];
  const bytes = new Map<string, Uint8Array>();
  const put = (f: SampleFile, data: Uint8Array) => {
    files.push(f);
    bytes.set(f.path, data);
  };
  const image = (className: SampleClass, path: string, defect?: DefectKind, variant?: StoryVariant) =>
    encodePngRgb(renderPart({ className, seed: seedFrom(`${seed}:${path}`), defect, variant }), IMAGE_SIDE_PX, IMAGE_SIDE_PX, zlib);

  for (const cls of ['washer', 'pcb', 'fabric'] as SampleClass[]) {
    for (let i = 1; i <= SAMPLE_COUNTS.references; i++) {
      const path = `${cls}/reference/good-${pad(i)}.png`;
      put({ path, kind: 'image', className: cls, role: 'reference', truth: { status: 'normal' } }, image(cls, path));
    }
    for (let i = 1; i <= SAMPLE_COUNTS.normals; i++) {
      const path = `${cls}/test/good-${pad(i)}.png`;
      put({ path, kind: 'image', className: cls, role: 'test', truth: { status: 'normal' } }, image(cls, path));
    }
    for (let i = 1; i <= SAMPLE_COUNTS.defects; i++) {
      const defect = DEFECTS[(i - 1) % DEFECTS.length];
      const name = DEFECT_NAMES[cls][defect];
      const path = `${cls}/test/${name}-${pad(i)}.png`;
      put({ path, kind: 'image', className: cls, role: 'test', truth: { status: 'anomalous', defectType: name } }, image(cls, path, defect));
    }
  }

  for (const { path, className, variant, truth, story } of STORY_CASES)
    put({ path, kind: 'image', className, role: 'test', truth, story }, image(className, path, undefined, variant));

  const cloud = (path: string, defect?: 'dent' | 'bump') => renderCloudPly({ seed: seedFrom(`${seed}:${path}`), defect });
  for (let i = 1; i <= SAMPLE_COUNTS.references; i++) {
    const path = `plate-3d/reference/good-${pad(i)}.ply`;
    put({ path, kind: 'pointcloud', className: 'plate-3d', role: 'reference', truth: { status: 'normal' } }, cloud(path));
  }
  for (let i = 1; i <= 2; i++) {
    const path = `plate-3d/test/good-${pad(i)}.ply`;
    put({ path, kind: 'pointcloud', className: 'plate-3d', role: 'test', truth: { status: 'normal' } }, cloud(path));
  }
  put({ path: 'plate-3d/test/dent-01.ply', kind: 'pointcloud', className: 'plate-3d', role: 'test', truth: { status: 'anomalous', defectType: 'dent' } }, cloud('plate-3d/test/dent-01.ply', 'dent'));
  put({ path: 'plate-3d/test/bump-01.ply', kind: 'pointcloud', className: 'plate-3d', role: 'test', truth: { status: 'anomalous', defectType: 'bump' } }, cloud('plate-3d/test/bump-01.ply', 'bump'));

  const video = (path: string, role: SampleFile['role'], event?: 'foreign-object'): SampleFile => ({
    path,
    kind: 'video',
    className: 'conveyor',
    role,
    truth: event ? { status: 'anomalous', defectType: event } : { status: 'normal' },
    generate: { kind: 'conveyor-video', seed: seedFrom(`${seed}:${path}`), ...(event ? { event } : {}) },
  });
  for (let i = 1; i <= 3; i++) files.push(video(`conveyor/reference/good-${pad(i)}.webm`, 'reference'));
  files.push(video('conveyor/test/good-01.webm', 'test'));
  files.push(video('conveyor/test/foreign-object-01.webm', 'test', 'foreign-object'));

  const manifest: SampleManifest = {
    format: SAMPLE_FORMAT,
    version: SAMPLE_VERSION,
    name: 'Sample project',
    description:
      'Synthetic parts made by scripts/make-sample.ts: washers, circuit boards and fabric (normal and defective photos with reference candidates), a scanned plate as point clouds, and a conveyor video with a loose bolt, with ground-truth labels and one prompt per class.',
    files,
    prompts: PROMPTS.map((p) => ({ ...p, task: TASK })),
    notes: [
      `${BASELINE_NOTE}`,
      `The conveyor videos (${CONVEYOR_VIDEO.frames} frames at ${CONVEYOR_VIDEO.fps} fps, ${CONVEYOR_VIDEO.width}×${CONVEYOR_VIDEO.height} px) are drawn from their seeds and encoded as VP8 WebM by the browser when the sample loads: video encoders do not give the same bytes on every machine, so no video file is shipped.`,
    ],
  };
  return { manifest, bytes };
}

/** The manifest as the exact text written to disk. */
export function manifestText(m: SampleManifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
