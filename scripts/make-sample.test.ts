import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSampleProject, manifestText } from '@/core/sample/sample-project';
import { zlibCompress } from '@/lib/export/zip';

const DIR = join(import.meta.dirname, '..', 'public', 'sample');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('npm run sample', () => {
  // Built once: the generator takes a few seconds on a busy machine.
  const { manifest, bytes } = buildSampleProject(7, zlibCompress);

  it('regenerates exactly the committed public/sample files', () => {
    expect(readFileSync(join(DIR, 'manifest.json'), 'utf8')).toBe(manifestText(manifest));
    for (const [path, data] of bytes) {
      expect(existsSync(join(DIR, path)), path).toBe(true);
      expect(sha(readFileSync(join(DIR, path))), path).toBe(sha(data));
    }
  });

  it('stays small enough to commit (under 4 MB)', () => {
    const total = [...bytes.values()].reduce((n, b) => n + b.length, 0);
    expect(total).toBeLessThan(4 * 1024 * 1024);
  });
});
