import { describe, expect, it } from 'vitest';
import { walkEntries, type EntryLike } from '@/lib/ingest/sources';

const file = (fullPath: string): EntryLike & { file: (ok: (f: File) => void) => void } => ({
  isFile: true,
  isDirectory: false,
  name: fullPath.split('/').pop()!,
  fullPath,
  file: (ok) => ok(new File(['x'], fullPath.split('/').pop()!)),
});

function dir(fullPath: string, children: EntryLike[], { batch = 100, failAfter }: { batch?: number; failAfter?: number } = {}) {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split('/').pop()!,
    fullPath,
    createReader() {
      let at = 0;
      let calls = 0;
      return {
        readEntries(ok: (e: EntryLike[]) => void, fail: (e: unknown) => void) {
          calls += 1;
          if (failAfter !== undefined && calls > failAfter) return fail(new DOMException('denied', 'NotReadableError'));
          const out = children.slice(at, at + batch);
          at += out.length;
          ok(out);
        },
      };
    },
  };
}

describe('walkEntries', () => {
  it('calls readEntries until it returns nothing (Chromium hands out 100 at a time)', async () => {
    const many = Array.from({ length: 250 }, (_, i) => file(`/ds/good/${i}.png`));
    const { sources, issues } = await walkEntries([dir('/ds', [dir('/ds/good', many)])]);
    expect(issues).toEqual([]);
    expect(sources).toHaveLength(250);
    expect(sources[249].path).toBe('ds/good/249.png');
  });

  it('reports an unreadable folder and still collects everything else', async () => {
    const { sources, issues } = await walkEntries([dir('/ds', [dir('/ds/locked', [file('/ds/locked/a.png')], { failAfter: 0 }), file('/ds/ok.png')])]);
    expect(sources.map((s) => s.path)).toEqual(['ds/ok.png']);
    expect(issues).toEqual([{ path: 'ds/locked', reason: 'unreadable-folder', message: expect.stringMatching(/^The folder "ds\/locked" could not be read/) }]);
  });
});
