import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@/core/identity';
import { DEFAULT_VIDEO_SPEC, resolveSpec, specForWindow, videoSpecHash, type VideoSpec } from '@/core/video/render-spec';

describe('video render spec', () => {
  it('hashes equal specs equally whatever the key order, and different specs differently', () => {
    const a: VideoSpec = { plan: { kind: 'uniform', count: 8 }, representation: 'contact-sheet', maxSidePx: 768 };
    const b = { maxSidePx: 768, representation: 'contact-sheet', plan: { count: 8, kind: 'uniform' } } as VideoSpec;
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(videoSpecHash(a)).toBe(videoSpecHash(b));
    expect(videoSpecHash(a)).not.toBe(videoSpecHash({ ...a, representation: 'sequence' }));
    expect(videoSpecHash(a)).not.toBe(videoSpecHash({ ...a, cropMask: { mode: 'mask', rect: { x: 0, y: 0, w: 0.1, h: 0.1 } } }));
    expect(videoSpecHash(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('takes the case spec before the class spec before the default', () => {
    const c: VideoSpec = { ...DEFAULT_VIDEO_SPEC, representation: 'contact-sheet' };
    const k: VideoSpec = { ...DEFAULT_VIDEO_SPEC, maxSidePx: 512 };
    expect(resolveSpec(undefined, c, k)).toEqual(c);
    expect(resolveSpec(undefined, null, k)).toEqual(k);
    expect(resolveSpec()).toEqual(DEFAULT_VIDEO_SPEC);
  });

  it('limits a window sub-case to its window', () => {
    const s = specForWindow({ ...DEFAULT_VIDEO_SPEC, plan: { kind: 'uniform', count: 4, range: { startS: 1, endS: 10 } } }, { startS: 0, endS: 3 });
    expect(s.plan.range).toEqual({ startS: 1, endS: 3 });
  });
});
