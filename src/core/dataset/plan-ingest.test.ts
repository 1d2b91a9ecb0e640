import { describe, expect, it } from 'vitest';
import { orderForIngest, planIngest, type PlannedFile } from '@/core/dataset/plan-ingest';
import { parseAuthorsManifest } from '@/core/dataset/authors-manifest';
import { placeFile } from '@/core/dataset/folder-layouts';

const plan = (paths: string[], manifests?: Record<string, string>) => {
  const p = planIngest(paths.map((path) => ({ path })), new Map(Object.entries(manifests ?? {})));
  return { ...p, by: (path: string) => p.files.find((f) => f.path === path) as PlannedFile };
};

describe('MVTec AD layout', () => {
  const { by, files } = plan([
    'mvtec/bottle/train/good/000.png',
    'mvtec/bottle/test/good/000.png',
    'mvtec/bottle/test/broken_large/000.png',
    'mvtec/bottle/test/broken_large/001.png',
    'mvtec/bottle/ground_truth/broken_large/000_mask.png',
    'mvtec/bottle/ground_truth/broken_large/001_mask.png',
    'mvtec/Screw/Test/Scratch_Head/007.png',
    'mvtec/Screw/Ground_Truth/Scratch_Head/007_mask.png',
    'mvtec/bottle/ground_truth/contamination/005_mask.png',
  ]);

  it('marks train/good as reference candidates and test/good as normal', () => {
    expect(by('mvtec/bottle/train/good/000.png')).toMatchObject({ className: 'bottle', role: 'reference', status: 'normal', source: 'folder', layout: 'mvtec-ad' });
    expect(by('mvtec/bottle/test/good/000.png')).toMatchObject({ className: 'bottle', role: 'test', status: 'normal' });
  });
  it('labels test/<defect> anomalous with the folder as defect type, case-insensitively', () => {
    expect(by('mvtec/bottle/test/broken_large/001.png')).toMatchObject({ status: 'anomalous', defectType: 'broken_large', role: 'test' });
    expect(by('mvtec/Screw/Test/Scratch_Head/007.png')).toMatchObject({ className: 'Screw', status: 'anomalous', defectType: 'Scratch_Head' });
  });
  it('attaches ground_truth masks to the case with the same stem instead of making cases', () => {
    expect(by('mvtec/bottle/ground_truth/broken_large/000_mask.png').maskOf).toBe('mvtec/bottle/test/broken_large/000.png');
    expect(by('mvtec/bottle/ground_truth/broken_large/001_mask.png').maskOf).toBe('mvtec/bottle/test/broken_large/001.png');
    expect(by('mvtec/Screw/Ground_Truth/Scratch_Head/007_mask.png').maskOf).toBe('mvtec/Screw/Test/Scratch_Head/007.png');
    // The train/good 000 and test/good 000 share the stem but not the defect folder.
    expect(by('mvtec/bottle/test/good/000.png').maskOf).toBeUndefined();
  });
  it('flags a mask whose image is not in the drop', () => {
    expect(by('mvtec/bottle/ground_truth/contamination/005_mask.png')).toMatchObject({ orphanMask: true });
    expect(by('mvtec/bottle/ground_truth/contamination/005_mask.png').maskOf).toBeUndefined();
  });
  it('orders masks after all cases', () => {
    const order = orderForIngest(files).map((f) => f.path);
    const firstMask = order.findIndex((p) => p.includes('ground_truth') || p.includes('Ground_Truth'));
    expect(order.slice(firstMask).every((p) => /ground_truth/i.test(p))).toBe(true);
  });
  it('works when the class folder itself is dropped', () => {
    expect(placeFile(['carpet', 'test', 'hole'], '000.png')).toMatchObject({ className: 'carpet', status: 'anomalous', defectType: 'hole' });
  });
});

describe('VisA layout', () => {
  const { by } = plan([
    'VisA/candle/Data/Images/Normal/0000.JPG',
    'VisA/candle/Data/Images/Anomaly/000.JPG',
    'VisA/candle/Data/Masks/Anomaly/000.png',
    'pcb1/Anomaly/12.jpg',
  ]);
  it('labels Normal/Anomaly folders and takes the class above the structure folders', () => {
    expect(by('VisA/candle/Data/Images/Normal/0000.JPG')).toMatchObject({ className: 'candle', status: 'normal', role: 'test', layout: 'visa' });
    expect(by('VisA/candle/Data/Images/Anomaly/000.JPG')).toMatchObject({ className: 'candle', status: 'anomalous' });
    expect(by('pcb1/Anomaly/12.jpg')).toMatchObject({ className: 'pcb1', status: 'anomalous' });
  });
  it('attaches Masks/Anomaly files to the anomaly image with the same stem', () => {
    expect(by('VisA/candle/Data/Masks/Anomaly/000.png').maskOf).toBe('VisA/candle/Data/Images/Anomaly/000.JPG');
  });
});

describe('good / bad folder names', () => {
  it.each([
    ['parts/good/1.png', 'parts', 'normal', undefined],
    ['parts/OK/1.png', 'parts', 'normal', undefined],
    ['parts/Normal/1.png', 'parts', 'normal', undefined],
    ['parts/bad/1.png', 'parts', 'anomalous', undefined],
    ['parts/NG/1.png', 'parts', 'anomalous', undefined],
    ['parts/Defective/1.png', 'parts', 'anomalous', undefined],
    ['parts/defects/scratch/1.png', 'parts', 'anomalous', 'scratch'],
    ['gears/anomalous/1.png', 'gears', 'anomalous', undefined],
  ])('%s → class %s, %s, defect %s', (path, className, status, defectType) => {
    const f = plan([path]).files[0];
    expect(f).toMatchObject({ className, status, source: 'folder' });
    expect(f.defectType).toBe(defectType);
  });
  it('does not take words that merely contain the names', () => {
    expect(plan(['goodyear/1.png']).files[0]).toMatchObject({ className: 'goodyear', status: 'unlabelled', layout: 'plain' });
    expect(plan(['goodyear/1.png']).files[0].source).toBeUndefined();
    expect(plan(['bad_batch_2/1.png']).files[0].status).toBe('unlabelled');
  });
  it('leaves loose files unlabelled in an "unclassified" class', () => {
    expect(plan(['x.png']).files[0]).toMatchObject({ className: 'unclassified', status: 'unlabelled', role: 'test' });
  });
  it('treats name_mask.ext beside name.ext as that file\'s mask', () => {
    const { by } = plan(['hazelnut/bad/crack.jpg', 'hazelnut/bad/crack_mask.jpg', 'hazelnut/bad/lonely_mask.jpg']);
    expect(by('hazelnut/bad/crack_mask.jpg').maskOf).toBe('hazelnut/bad/crack.jpg');
    expect(by('hazelnut/bad/lonely_mask.jpg').maskOf).toBeUndefined();
  });
});

const MANIFEST = JSON.stringify([
  { object_type: 'bottle', defect_img_path: 'datasets/bottle\\test\\broken_large\\000.png', good_img_path: 'datasets/bottle\\test\\good\\000.png', label: 0, defect_type: 'broken_large' },
  { object_type: 'bottle', defect_img_path: 'datasets/bottle\\test\\good\\001.png', good_img_path: 'datasets/bottle\\test\\good\\001.png', label: 1, defect_type: 'good' },
  { object_type: 'bottle', defect_img_path: 'datasets/bottle\\test\\crack\\009.png', good_img_path: 'datasets/bottle\\test\\good\\000.png', label: 0, defect_type: 'crack' },
]);

describe("the authors' dataset manifest", () => {
  it('reads label 1 as GOOD and 0 as DEFECTIVE (inverted polarity)', () => {
    const entries = parseAuthorsManifest(MANIFEST)!;
    expect(entries[0]).toMatchObject({ path: 'datasets/bottle/test/broken_large/000.png', status: 'anomalous', defectType: 'broken_large', className: 'bottle' });
    expect(entries[1]).toMatchObject({ status: 'normal' });
    expect(entries[1].defectType).toBeUndefined();
  });
  it('is not confused with other JSON', () => {
    expect(parseAuthorsManifest('{"a":1}')).toBeUndefined();
    expect(parseAuthorsManifest('[{"defect_img_path":"x.png","label":"maybe"}]')).toBeUndefined();
    expect(parseAuthorsManifest('not json')).toBeUndefined();
    expect(parseAuthorsManifest('[]')).toBeUndefined();
  });
  it('labels dropped images by the tail of their manifest path and overrides folder names', () => {
    // Folders here say the opposite of the manifest, so only the manifest can give these labels.
    const { by, manifests, notes, files } = plan(
      ['drop/vlm_for_ad_dataset.json', 'drop/bottle/test/broken_large/000.png', 'drop/bottle/test/good/001.png', 'drop/bottle/test/good/002.png'],
      { 'drop/vlm_for_ad_dataset.json': MANIFEST.replace('"label": 1', '"label":1') },
    );
    expect(manifests).toEqual(['drop/vlm_for_ad_dataset.json']);
    expect(files.map((f) => f.path)).not.toContain('drop/vlm_for_ad_dataset.json');
    expect(by('drop/bottle/test/broken_large/000.png')).toMatchObject({ status: 'anomalous', defectType: 'broken_large', source: 'import', layout: 'authors-manifest' });
    expect(by('drop/bottle/test/good/001.png')).toMatchObject({ status: 'normal', source: 'import' });
    expect(by('drop/bottle/test/good/002.png')).toMatchObject({ status: 'normal', source: 'folder' });
    expect(notes).toEqual(['1 of 3 images listed in the dataset manifest were not in this drop.']);
  });
  it('wins over a folder name that contradicts it', () => {
    const m = JSON.stringify([{ object_type: 'cap', defect_img_path: 'x/cap/good/7.png', good_img_path: 'x/cap/good/1.png', label: 0, defect_type: 'dent' }]);
    const { by } = plan(['d/cap/good/7.png', 'd/m.json'], { 'd/m.json': m });
    expect(by('d/cap/good/7.png')).toMatchObject({ className: 'cap', status: 'anomalous', defectType: 'dent', source: 'import' });
  });
});
