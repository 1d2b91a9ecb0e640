import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { writePcd, writePly } from '../src/core/pointcloud/testing/fixture-writers';

describe('npm run pointcloud-report', () => {
  it('prints one JSON line per .ply/.pcd file under a folder, good or bad', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-report-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.ply'), writePly({ encoding: 'ascii', elements: [{ name: 'vertex', props: [{ name: 'x', type: 'float' }, { name: 'y', type: 'float' }, { name: 'z', type: 'float' }, { name: 'red', type: 'uchar' }, { name: 'green', type: 'uchar' }, { name: 'blue', type: 'uchar' }], rows: [[1, 2, 3, 9, 9, 9], [NaN, 0, 0, 0, 0, 0], [-1, 5, 0, 1, 1, 1]] }] }));
    writeFileSync(join(dir, 'sub', 'b.pcd'), writePcd({ data: 'binary', fields: [{ name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' }, { name: 'intensity', size: 4, type: 'F' }], rows: [[0, 0, 0, 1], [2, 2, 2, 1]] }));
    writeFileSync(join(dir, 'sub', 'bad.pcd'), writePcd({ data: 'binary', fields: [{ name: 'rgba', size: 4, type: 'U' }], rows: [[1]] }));
    writeFileSync(join(dir, 'notes.txt'), 'not a cloud');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/pointcloud-report.ts', dir], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(['a.ply', 'sub/b.pcd', 'sub/bad.pcd']);
    expect(lines[0]).toMatchObject({ ok: true, points: 2, bbox: [[-1, 2, 0], [1, 5, 3]], color: true, fields: [], error: null });
    expect(typeof lines[0].ms).toBe('number');
    expect(lines[1]).toMatchObject({ ok: true, points: 2, color: false, fields: ['intensity'] });
    expect(lines[2].ok).toBe(false);
    expect(lines[2].error).toMatch(/sub\/bad\.pcd.*no x, y and z/);
  }, 60_000);
});
