/** Builds dataset folders and bad files on disk for ingest tests (nothing binary is committed). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { tiffImage } from '../../src/core/dataset/fixture-bytes';

/** A small RGB PNG whose pixels depend on `seed`, so every file has its own bytes. */
export function makePng(seed: number, size = 32, opts: { sixteenBit?: boolean; mask?: boolean } = {}): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const inBlob = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size / 4) ** 2;
      if (opts.mask) {
        const v = inBlob ? 255 : 0;
        png.data[i] = png.data[i + 1] = png.data[i + 2] = v;
      } else {
        png.data[i] = (seed * 37 + x * 5) & 255;
        png.data[i + 1] = (seed * 91 + y * 7) & 255;
        png.data[i + 2] = inBlob ? 200 : (seed * 13) & 255;
      }
      png.data[i + 3] = 255;
    }
  }
  // Masks of different cases must differ too, or they are (rightly) stored once.
  if (opts.mask) png.data[0] = seed & 255;
  return PNG.sync.write(png, opts.sixteenBit ? { bitDepth: 16, colorType: 2, inputColorType: 6 } : {});
}

export interface MvtecFolder {
  root: string;
  /** Counts the UI should report for it. */
  expected: { cases: number; references: number; normal: number; anomalous: number; masks: number; classes: string[] };
  /** Path inside the drop → expected label. */
  labels: Record<string, { className: string; role: 'test' | 'reference'; status: 'normal' | 'anomalous'; defectType?: string; masks: number }>;
}

const CLASSES: { name: string; train: number; good: number; defects: Record<string, number> }[] = [
  { name: 'bottle', train: 3, good: 2, defects: { broken_large: 2 } },
  { name: 'screw', train: 2, good: 1, defects: { scratch_head: 1 } },
  { name: 'carpet', train: 1, good: 1, defects: { hole: 1, color: 1 } },
];

export function writeMvtecFolder(): MvtecFolder {
  const base = mkdtempSync(join(tmpdir(), 'aw-ingest-'));
  const rootName = 'mvtec_mini';
  const root = join(base, rootName);
  let seed = 1;
  const labels: MvtecFolder['labels'] = {};
  const put = (rel: string, bytes: Buffer) => {
    const full = join(root, rel);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, bytes);
  };
  let masks = 0;
  for (const c of CLASSES) {
    for (let i = 0; i < c.train; i++) {
      const rel = `${c.name}/train/good/${String(i).padStart(3, '0')}.png`;
      put(rel, makePng(seed++));
      labels[`${rootName}/${rel}`] = { className: c.name, role: 'reference', status: 'normal', masks: 0 };
    }
    for (let i = 0; i < c.good; i++) {
      const rel = `${c.name}/test/good/${String(i).padStart(3, '0')}.png`;
      put(rel, makePng(seed++));
      labels[`${rootName}/${rel}`] = { className: c.name, role: 'test', status: 'normal', masks: 0 };
    }
    for (const [defect, count] of Object.entries(c.defects)) {
      for (let i = 0; i < count; i++) {
        const stem = String(i).padStart(3, '0');
        put(`${c.name}/test/${defect}/${stem}.png`, makePng(seed++));
        put(`${c.name}/ground_truth/${defect}/${stem}_mask.png`, makePng(seed++, 32, { mask: true }));
        masks += 1;
        labels[`${rootName}/${c.name}/test/${defect}/${stem}.png`] = { className: c.name, role: 'test', status: 'anomalous', defectType: defect, masks: 1 };
      }
    }
  }
  const all = Object.values(labels);
  return {
    root,
    labels,
    expected: {
      cases: all.length,
      references: all.filter((l) => l.role === 'reference').length,
      normal: all.filter((l) => l.role === 'test' && l.status === 'normal').length,
      anomalous: all.filter((l) => l.status === 'anomalous').length,
      masks,
      classes: CLASSES.map((c) => c.name).sort(),
    },
  };
}

/** Bad inputs of every kind, plus two good ones in disguise (a renamed PNG, a 16-bit PNG, a TIFF). */
export function writeBadFiles(): { dir: string; files: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'aw-bad-'));
  const files: Record<string, string> = {};
  const put = (name: string, bytes: Buffer | Uint8Array) => {
    writeFileSync(join(dir, name), bytes);
    files[name] = join(dir, name);
  };
  put('zero-bytes.png', Buffer.alloc(0));
  put('really-a-png.jpg', makePng(9001));
  const whole = makePng(9002, 64);
  put('truncated.png', whole.subarray(0, Math.floor(whole.length / 2)));
  // Only the header of a 65536 × 65536 image: it must be refused from the header alone.
  const bomb = Buffer.from(makePng(9003, 8));
  bomb.writeUInt32BE(65536, 16);
  bomb.writeUInt32BE(65536, 20);
  put('bomb-65536.png', bomb);
  put('notes.txt', Buffer.from('inspection notes, not an image\n'));
  put('depth-16bit.png', makePng(9004, 40, { sixteenBit: true }));
  put('gray16.tif', tiffImage(3, 2, 1, 16, [0, 1000, 2000, 3000, 4000, 5000]));
  return { dir, files };
}
