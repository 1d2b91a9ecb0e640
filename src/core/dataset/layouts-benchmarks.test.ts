import { describe, expect, it } from 'vitest';
import { orderForIngest, planIngest, type PlannedFile } from '@/core/dataset/plan-ingest';

// Paths follow each dataset's published layout and its authors' loaders; no dataset file is used.
const plan = (paths: string[], texts?: Record<string, string>) => {
  const p = planIngest(paths.map((path) => ({ path })), new Map(Object.entries(texts ?? {})));
  return { ...p, by: (path: string) => p.files.find((f) => f.path === path) as PlannedFile };
};

describe('MVTec 3D-AD', () => {
  const paths = [
    'mvtec_3d/bagel/train/good/xyz/000.tiff',
    'mvtec_3d/bagel/train/good/rgb/000.png',
    'mvtec_3d/bagel/validation/good/xyz/000.tiff',
    'mvtec_3d/bagel/validation/good/rgb/000.png',
    'mvtec_3d/bagel/test/good/xyz/000.tiff',
    'mvtec_3d/bagel/test/good/rgb/000.png',
    'mvtec_3d/bagel/test/good/gt/000.png',
    'mvtec_3d/bagel/test/crack/xyz/000.tiff',
    'mvtec_3d/bagel/test/crack/rgb/000.png',
    'mvtec_3d/bagel/test/crack/gt/000.png',
    'mvtec_3d/bagel/test/hole/gt/003.png',
    'mvtec_3d/bagel/calibration/camera_parameters.json',
    'mvtec_3d/readme.txt',
    'mvtec_3d/license.txt',
  ];
  const p = plan(paths);
  it('makes each XYZ scan a case, train and validation good as reference candidates', () => {
    expect(p.by('mvtec_3d/bagel/train/good/xyz/000.tiff')).toMatchObject({ className: 'bagel', role: 'reference', status: 'normal', layout: 'mvtec-3d-ad' });
    expect(p.by('mvtec_3d/bagel/validation/good/xyz/000.tiff')).toMatchObject({ role: 'reference', status: 'normal' });
    expect(p.by('mvtec_3d/bagel/test/good/xyz/000.tiff')).toMatchObject({ role: 'test', status: 'normal' });
    expect(p.by('mvtec_3d/bagel/test/crack/xyz/000.tiff')).toMatchObject({ role: 'test', status: 'anomalous', defectType: 'crack' });
  });
  it('attaches each RGB image to the scan with the same split, folder and number (names restart per folder)', () => {
    expect(p.by('mvtec_3d/bagel/test/crack/rgb/000.png').companionOf).toBe('mvtec_3d/bagel/test/crack/xyz/000.tiff');
    expect(p.by('mvtec_3d/bagel/test/good/rgb/000.png').companionOf).toBe('mvtec_3d/bagel/test/good/xyz/000.tiff');
    expect(p.by('mvtec_3d/bagel/train/good/rgb/000.png').companionOf).toBe('mvtec_3d/bagel/train/good/xyz/000.tiff');
    expect(p.by('mvtec_3d/bagel/validation/good/rgb/000.png').companionOf).toBe('mvtec_3d/bagel/validation/good/xyz/000.tiff');
  });
  it('attaches gt masks, also the all-black ones of test/good, and flags a mask without its scan', () => {
    expect(p.by('mvtec_3d/bagel/test/crack/gt/000.png').maskOf).toBe('mvtec_3d/bagel/test/crack/xyz/000.tiff');
    expect(p.by('mvtec_3d/bagel/test/good/gt/000.png').maskOf).toBe('mvtec_3d/bagel/test/good/xyz/000.tiff');
    expect(p.by('mvtec_3d/bagel/test/hole/gt/003.png')).toMatchObject({ orphanMask: true });
  });
  it('reads calibration, readme and licence as metadata and names the layout', () => {
    expect(p.metadata.sort()).toEqual(['mvtec_3d/bagel/calibration/camera_parameters.json', 'mvtec_3d/license.txt', 'mvtec_3d/readme.txt']);
    expect(p.files.some((f) => f.path.endsWith('.txt') || f.path.endsWith('.json'))).toBe(false);
    expect(p.layouts[0]).toMatchObject({ id: 'mvtec-3d-ad', title: 'MVTec 3D-AD', files: 11 });
  });
  it('stores scans before their photos and masks', () => {
    const order = orderForIngest(p.files).map((f) => f.path);
    const lastScan = Math.max(...order.map((x, i) => (x.includes('/xyz/') ? i : -1)));
    const firstOther = order.findIndex((x) => !x.includes('/xyz/'));
    expect(lastScan).toBeLessThan(firstOther);
  });
});

describe('MVTec LOCO AD', () => {
  const p = plan([
    'loco/juice_bottle/train/good/000.png',
    'loco/juice_bottle/validation/good/000.png',
    'loco/juice_bottle/test/good/000.png',
    'loco/juice_bottle/test/logical_anomalies/000.png',
    'loco/juice_bottle/test/structural_anomalies/000.png',
    'loco/juice_bottle/ground_truth/logical_anomalies/000/000.png',
    'loco/juice_bottle/ground_truth/logical_anomalies/000/001.png',
    'loco/juice_bottle/ground_truth/structural_anomalies/000/000.png',
    'loco/juice_bottle/defects_config.json',
  ]);
  it('labels logical and structural anomalies with their kind, validation/good as reference', () => {
    expect(p.by('loco/juice_bottle/test/logical_anomalies/000.png')).toMatchObject({ className: 'juice_bottle', status: 'anomalous', anomalyKind: 'logical', layout: 'mvtec-loco' });
    expect(p.by('loco/juice_bottle/test/structural_anomalies/000.png')).toMatchObject({ status: 'anomalous', anomalyKind: 'structural' });
    expect(p.by('loco/juice_bottle/validation/good/000.png')).toMatchObject({ role: 'reference', status: 'normal' });
    expect(p.by('loco/juice_bottle/train/good/000.png')).toMatchObject({ role: 'reference', status: 'normal' });
    expect(p.by('loco/juice_bottle/test/good/000.png')).toMatchObject({ role: 'test', status: 'normal' });
  });
  it('attaches every mask of an image folder to that image, of the right anomaly type', () => {
    expect(p.by('loco/juice_bottle/ground_truth/logical_anomalies/000/000.png').maskOf).toBe('loco/juice_bottle/test/logical_anomalies/000.png');
    expect(p.by('loco/juice_bottle/ground_truth/logical_anomalies/000/001.png').maskOf).toBe('loco/juice_bottle/test/logical_anomalies/000.png');
    expect(p.by('loco/juice_bottle/ground_truth/structural_anomalies/000/000.png').maskOf).toBe('loco/juice_bottle/test/structural_anomalies/000.png');
  });
  it('reads defects_config.json as metadata', () => {
    expect(p.metadata).toEqual(['loco/juice_bottle/defects_config.json']);
  });
});

describe('Real3D-AD', () => {
  const p = plan([
    'Real3D-AD-PCD/airplane/train/1_template.pcd',
    'Real3D-AD-PCD/airplane/test/482_bulge_cut.pcd',
    'Real3D-AD-PCD/airplane/test/12_sink.pcd',
    'Real3D-AD-PCD/airplane/test/7_good.pcd',
    'Real3D-AD-PCD/airplane/gt/482_bulge_cut.txt',
    'Real3D-AD-PCD/airplane/gt/12_sink.txt',
  ]);
  it('takes the defect type from the name and templates as reference candidates', () => {
    expect(p.by('Real3D-AD-PCD/airplane/train/1_template.pcd')).toMatchObject({ className: 'airplane', role: 'reference', status: 'normal' });
    expect(p.by('Real3D-AD-PCD/airplane/test/482_bulge_cut.pcd')).toMatchObject({ status: 'anomalous', defectType: 'bulge', layout: 'real3d-ad' });
    expect(p.by('Real3D-AD-PCD/airplane/test/12_sink.pcd')).toMatchObject({ status: 'anomalous', defectType: 'sink' });
    expect(p.by('Real3D-AD-PCD/airplane/test/7_good.pcd')).toMatchObject({ status: 'normal', role: 'test' });
  });
  it('recognises gt text files as per-point masks of their cloud', () => {
    expect(p.by('Real3D-AD-PCD/airplane/gt/482_bulge_cut.txt')).toMatchObject({ maskOf: 'Real3D-AD-PCD/airplane/test/482_bulge_cut.pcd', pointLabels: true });
  });
});

describe('Anomaly-ShapeNet', () => {
  const p = plan([
    'Anomaly-ShapeNet-v2/dataset/pcd/ashtray0/train/ashtray0_template0.pcd',
    'Anomaly-ShapeNet-v2/dataset/pcd/ashtray0/test/ashtray0_positive0.pcd',
    'Anomaly-ShapeNet-v2/dataset/pcd/ashtray0/test/ashtray0_bulge1.pcd',
    'Anomaly-ShapeNet-v2/dataset/pcd/ashtray0/GT/ashtray0_bulge1.txt',
  ]);
  it('never takes the label from the dropped folder "Anomaly-ShapeNet-v2"', () => {
    expect(p.by('Anomaly-ShapeNet-v2/dataset/pcd/ashtray0/test/ashtray0_positive0.pcd')).toMatchObject({ className: 'ashtray0', role: 'test', status: 'normal', layout: 'anomaly-shapenet' });
  });
  it('reads templates as references, defects from the name, GT text as per-point masks', () => {
    expect(p.by('Anomaly-ShapeNet-v2/dataset/pcd/ashtray0/train/ashtray0_template0.pcd')).toMatchObject({ role: 'reference', status: 'normal' });
    expect(p.by('Anomaly-ShapeNet-v2/dataset/pcd/ashtray0/test/ashtray0_bulge1.pcd')).toMatchObject({ status: 'anomalous', defectType: 'bulge' });
    expect(p.by('Anomaly-ShapeNet-v2/dataset/pcd/ashtray0/GT/ashtray0_bulge1.txt')).toMatchObject({ maskOf: 'Anomaly-ShapeNet-v2/dataset/pcd/ashtray0/test/ashtray0_bulge1.pcd', pointLabels: true });
  });
  it('an unknown file under such a root stays unlabelled', () => {
    expect(plan(['Anomaly-ShapeNet-v2/notes/scan.ply']).files[0]).toMatchObject({ status: 'unlabelled', className: 'notes' });
    expect(plan(['defects/part.png']).files[0]).toMatchObject({ status: 'unlabelled' });
  });
});

describe('VisA with its split list', () => {
  const split = [
    'object,split,label,image,mask',
    'candle,train,normal,candle/Data/Images/Normal/0000.JPG,',
    'candle,test,normal,candle/Data/Images/Normal/0001.JPG,',
    'candle,test,anomaly,candle/Data/Images/Anomaly/000.JPG,candle/Data/Masks/Anomaly/000.png',
  ].join('\r\n');
  const anno = 'image,label,mask\ncandle/Data/Images/Anomaly/000.JPG,"chunk of wax missing,weird candle wick",candle/Data/Masks/Anomaly/000.png\n';
  const p = plan(
    ['VisA/candle/Data/Images/Normal/0000.JPG', 'VisA/candle/Data/Images/Normal/0001.JPG', 'VisA/candle/Data/Images/Anomaly/000.JPG', 'VisA/candle/Data/Masks/Anomaly/000.png', 'VisA/split_csv/1cls.csv', 'VisA/split_csv/2cls_fewshot.csv', 'VisA/candle/image_anno.csv'],
    { 'VisA/split_csv/1cls.csv': split, 'VisA/candle/image_anno.csv': anno },
  );
  it('makes train images reference candidates and keeps test images as test cases', () => {
    expect(p.by('VisA/candle/Data/Images/Normal/0000.JPG')).toMatchObject({ role: 'reference', status: 'normal', source: 'import' });
    expect(p.by('VisA/candle/Data/Images/Normal/0001.JPG')).toMatchObject({ role: 'test', status: 'normal' });
  });
  it('names the defect from image_anno.csv and keeps the mask', () => {
    expect(p.by('VisA/candle/Data/Images/Anomaly/000.JPG')).toMatchObject({ role: 'test', status: 'anomalous', defectType: 'chunk of wax missing,weird candle wick' });
    expect(p.by('VisA/candle/Data/Masks/Anomaly/000.png').maskOf).toBe('VisA/candle/Data/Images/Anomaly/000.JPG');
  });
  it('reads the CSV lists as metadata (2cls ignored) and says the split decided roles', () => {
    expect(p.metadata.sort()).toEqual(['VisA/candle/image_anno.csv', 'VisA/split_csv/1cls.csv', 'VisA/split_csv/2cls_fewshot.csv']);
    expect(p.notes.join(' ')).toContain('split list');
  });
});

describe('dataset metadata files', () => {
  it('are recognised inside a dataset folder, not when dropped loose', () => {
    expect(plan(['ds/readme.txt']).metadata).toEqual(['ds/readme.txt']);
    expect(plan(['readme.md']).metadata).toEqual([]);
    expect(plan(['readme.md']).files).toHaveLength(1);
  });
});
