import { describe, expect, it } from 'vitest';
import { changedOnto, normalizeRenderSpec } from './render-spec';

describe('render settings changed in quick succession', () => {
  it('a change made on an older copy keeps the changes made since', () => {
    const original = normalizeRenderSpec({});
    const depth = { ...original, style: 'depth' as const };
    const faces = { ...depth, views: { kind: 'faces6' as const } };
    // The resolution was picked while the screen still showed `depth`, before `faces` arrived.
    const small = { ...depth, sizePx: 224 };
    const out = changedOnto(depth, small, faces);
    expect(out.views).toEqual({ kind: 'faces6' });
    expect(out.style).toBe('depth');
    expect(out.sizePx).toBe(224);
  });

  it('a setting cleared on the older copy is cleared on the newest', () => {
    const base = { ...normalizeRenderSpec({}), backgroundDistances: { plane: 0.005 } } as ReturnType<typeof normalizeRenderSpec>;
    const cleared = { ...base, backgroundDistances: undefined };
    const latest = { ...base, sizePx: 224 };
    const out = changedOnto(base, cleared, latest);
    expect('backgroundDistances' in out).toBe(false);
    expect(out.sizePx).toBe(224);
  });
});
