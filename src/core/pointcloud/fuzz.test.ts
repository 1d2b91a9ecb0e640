import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCorpus } from '../../../scripts/find-corpus';
import { mutants } from './testing/mutations';
import type { ParseReply } from './testing/parse-thread';
import { packRgbFloat, writePcd, writePly, type PlySpec } from './testing/fixture-writers';

// Damaged point clouds must end in a result or a sentence, never a hang, a raw engine error or a
// 301-digit number. Each parse runs in a worker thread so a parse that never ends is stopped and
// named instead of freezing the suite (the guard is generous: it catches hangs, not slowness).
const GUARD_MS = 15_000;
const CORPUS = findCorpus();
const present = existsSync(join(CORPUS, 'ply')) && existsSync(join(CORPUS, 'pcd'));
if (!present) console.log(`Point-cloud corpus not found at ${CORPUS}: fuzzing generated fixtures only.`);

const corpusFiles = present ? ['ply', 'pcd', 'corrupt'].flatMap((d) => readdirSync(join(CORPUS, d)).filter((f) => /\.(ply|pcd)$/i.test(f)).map((f) => `${d}/${f}`)) : [];

const xyz = [{ name: 'x', type: 'float' as const }, { name: 'y', type: 'float' as const }, { name: 'z', type: 'float' as const }];
const verts = Array.from({ length: 40 }, (_, i) => [Math.cos(i), Math.sin(i), i / 40]);
const faces = Array.from({ length: 12 }, (_, i) => [[i, i + 1, i + 2]]);
const mesh = (encoding: PlySpec['encoding'], countType: 'uchar' | 'uint' | 'int' | 'float' = 'uchar'): PlySpec => ({
  encoding,
  elements: [
    { name: 'vertex', props: [...xyz, { name: 'red', type: 'uchar' }, { name: 'green', type: 'uchar' }, { name: 'blue', type: 'uchar' }], rows: verts.map((v, i) => [...v, i * 6, 255 - i, 128]) },
    { name: 'face', props: [{ name: 'vertex_indices', type: 'int', list: countType }], rows: faces },
    { name: 'note', props: [], rows: [] },
  ],
});
const pcdFields = [{ name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' }, { name: 'rgb', size: 4, type: 'F' }, { name: 'intensity', size: 2, type: 'U', count: 2 }] as const;
const pcdRows = verts.map((v, i) => [...v, packRgbFloat(i, 2 * i, 3 * i), i, 7]);

const generated: Record<string, Uint8Array> = {
  'gen/mesh-ascii.ply': writePly(mesh('ascii')),
  'gen/mesh-le-uint-lists.ply': writePly(mesh('binary_little_endian', 'uint')),
  'gen/mesh-be-int-lists.ply': writePly(mesh('binary_big_endian', 'int')),
  'gen/mesh-le-float-lists.ply': writePly(mesh('binary_little_endian', 'float')),
  'gen/vertex-lists-ascii.ply': writePly({ encoding: 'ascii', elements: [{ name: 'vertex', props: [...xyz, { name: 'tags', type: 'short', list: 'uchar' }], rows: verts.map((v) => [...v, [1, 2]]) }] }),
  'gen/points-ascii.pcd': writePcd({ data: 'ascii', fields: [...pcdFields], rows: pcdRows }),
  'gen/points-binary.pcd': writePcd({ data: 'binary', fields: [...pcdFields], rows: pcdRows }),
  'gen/points-compressed.pcd': writePcd({ data: 'binary_compressed', fields: [...pcdFields], rows: pcdRows }),
  'gen/organised-compressed.pcd': writePcd({ data: 'binary_compressed', fields: [...pcdFields], rows: pcdRows, width: 8, height: 5 }),
};

const THREAD = new URL('./testing/parse-thread.ts', import.meta.url).href;
// Node 20 worker threads do not inherit a TypeScript loader: the thread loads tsx's ESM API, then the parser through it.
const TSX_API = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
const BOOT = `import(${JSON.stringify(TSX_API)}).then((m) => m.tsImport(${JSON.stringify(THREAD)}, ${JSON.stringify(THREAD)}))`;

/** One worker thread, replaced when a parse outlives the guard. */
class GuardedParser {
  private worker = this.start();
  private start() {
    return new Worker(BOOT, { eval: true });
  }
  parse(name: string, bytes: Uint8Array): Promise<ParseReply | 'hung' | Error> {
    return new Promise((resolve) => {
      const w = this.worker;
      const settle = (r: ParseReply | 'hung' | Error) => {
        clearTimeout(timer);
        w.removeAllListeners('message');
        w.removeAllListeners('error');
        if (r === 'hung' || r instanceof Error) {
          void w.terminate();
          this.worker = this.start();
        }
        resolve(r);
      };
      const timer = setTimeout(() => settle('hung'), GUARD_MS);
      w.once('message', settle);
      w.once('error', settle);
      w.postMessage({ name, bytes });
    });
  }
  stop() {
    return this.worker.terminate();
  }
}

/** What is wrong with one outcome, or undefined when it is a result or a sentence a user can read. */
function judge(name: string, r: ParseReply | 'hung' | Error): string | undefined {
  if (r === 'hung') return `did not finish within ${GUARD_MS / 1000} s`;
  if (r instanceof Error) return `crashed its thread: ${r.message.slice(0, 160)}`;
  if (r.ok) return r.count > 0 && r.finite ? undefined : `returned ${r.count} points${r.finite ? '' : ' with non-finite positions'}`;
  if (r.name !== 'PointCloudError') return `threw ${r.name}: ${r.message.slice(0, 120)}`;
  if (!r.message.includes(`"${name}"`)) return `message does not name the file: ${r.message.slice(0, 120)}`;
  if (r.message.length > 400 || /\d{16,}/.test(r.message)) return `message too long or holds a huge number: ${r.message.slice(0, 160)}`;
  if (/TypeError|RangeError|undefined|DataView|Cannot /.test(r.message)) return `message leaks engine text: ${r.message.slice(0, 160)}`;
  return undefined;
}

describe('fuzzed point clouds end in a result or a sentence', () => {
  let parser: GuardedParser;
  beforeAll(() => {
    parser = new GuardedParser();
  });
  afterAll(() => parser.stop());

  const sources: [string, () => Uint8Array][] = [
    ...Object.entries(generated).map(([n, b]) => [n, () => b] as [string, () => Uint8Array]),
    ...corpusFiles.map((f) => [f, () => new Uint8Array(readFileSync(join(CORPUS, f)))] as [string, () => Uint8Array]),
  ];
  for (const [source, read] of sources)
    it(`every mutant of ${source}`, { timeout: 300_000 }, async () => {
      const all = mutants(source, read());
      expect(all.length).toBeGreaterThan(5);
      const problems: string[] = [];
      for (const [i, m] of all.entries()) {
        const name = `${source} #${i}`;
        const why = judge(name, await parser.parse(name, m.bytes));
        if (why) problems.push(`${m.label}: ${why}`);
      }
      expect(problems).toEqual([]);
    });
});
