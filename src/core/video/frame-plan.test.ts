import { describe, expect, it } from 'vitest';
import { frameAtTime, frameCaption, frameDifference, keyFramePreview, planFrames, rgbaToLuma, formatSeconds, type FrameInfo, type FramePlan } from '@/core/video/frame-plan';

/** 30 fps with the slightly irregular timestamps real files have. */
function frames(n: number, fps = 30): FrameInfo[] {
  return Array.from({ length: n }, (_, i) => ({ index: i, timestampS: Math.round((i / fps) * 1e6) / 1e6 }));
}

describe('frame plans', () => {
  it('spreads N uniform frames from the first to the last frame, with the decoder index and time', () => {
    const f = frames(100);
    const picked = planFrames({ kind: 'uniform', count: 8 }, f);
    expect(picked.map((p) => p.index)).toEqual([0, 14, 28, 42, 57, 71, 85, 99]);
    expect(picked[7].timestampS).toBeCloseTo(99 / 30, 6);
  });

  it('never returns more frames than exist, nor duplicates', () => {
    expect(planFrames({ kind: 'uniform', count: 16 }, frames(5)).map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(planFrames({ kind: 'uniform', count: 1 }, frames(5)).map((p) => p.index)).toEqual([2]);
    expect(planFrames({ kind: 'uniform', count: 4 }, [])).toEqual([]);
  });

  it('previews each planned frame by the key frame nearest in time, keeping the planned frame beside it', () => {
    const f = frames(100).map((x) => ({ ...x, key: x.index % 30 === 0 }));
    const planned = planFrames({ kind: 'uniform', count: 8 }, f);
    const preview = keyFramePreview(planned, f);
    expect(preview.map((p) => p.planned.index)).toEqual([0, 14, 28, 42, 57, 71, 85, 99]);
    expect(preview.map((p) => p.shown.index)).toEqual([0, 0, 30, 30, 60, 60, 90, 90]);
    expect(preview.every((p) => f.find((x) => x.index === p.shown.index)?.key)).toBe(true);
    // Without key frames in the table the preview is the plan itself.
    expect(keyFramePreview(planned, frames(100)).map((p) => p.shown.index)).toEqual(planned.map((p) => p.index));
  });

  it('plans exact frames only: a spec saved with the old key-frame option still picks the evenly spaced frames', () => {
    const f = frames(100).map((x) => ({ ...x, key: x.index % 30 === 0 }));
    const old = { kind: 'uniform', count: 8, preferKeyFrames: true } as unknown as FramePlan;
    expect(planFrames(old, f).map((p) => p.index)).toEqual([0, 14, 28, 42, 57, 71, 85, 99]);
  });

  it('keeps only frames inside a time window', () => {
    const picked = planFrames({ kind: 'uniform', count: 4, range: { startS: 1, endS: 2 } }, frames(90));
    expect(picked.every((p) => p.timestampS >= 1 && p.timestampS < 2)).toBe(true);
    expect(picked.map((p) => p.index)).toEqual([30, 40, 49, 59]);
  });

  it('picks the frames with the largest change scores, always starting with the first frame', () => {
    const f = frames(60);
    const scores = f.map((x) => ({ index: x.index, score: x.index === 20 ? 0.9 : x.index === 45 ? 0.5 : x.index === 10 ? 0.3 : 0.01 }));
    expect(planFrames({ kind: 'scene-change', count: 3 }, f, scores).map((p) => p.index)).toEqual([0, 20, 45]);
    expect(planFrames({ kind: 'scene-change', count: 4 }, f, scores).map((p) => p.index)).toEqual([0, 10, 20, 45]);
  });

  it('samples more densely around a marked moment', () => {
    const f = frames(300); // 10 s
    const picked = planFrames({ kind: 'around-moment', count: 10, momentS: 5, spreadS: 0.5 }, f);
    expect(picked).toHaveLength(10);
    const near = picked.filter((p) => Math.abs(p.timestampS - 5) <= 0.5 + 1e-9);
    expect(near.length).toBeGreaterThanOrEqual(5);
    expect(picked[0].index).toBe(0);
    expect(new Set(picked.map((p) => p.index)).size).toBe(10);
  });

  it('keeps hand-picked frames in order, without duplicates or unknown indices', () => {
    expect(planFrames({ kind: 'hand', indices: [40, 3, 40, 999, 7] }, frames(50)).map((p) => p.index)).toEqual([3, 7, 40]);
  });

  it('finds the frame shown at a time as the last frame starting at or before it', () => {
    const f = frames(10);
    expect(frameAtTime(f, 0.05)?.index).toBe(1);
    expect(frameAtTime(f, 1 / 30)?.index).toBe(1);
    expect(frameAtTime(f, -1)?.index).toBe(0);
    expect(frameAtTime(f, 99)?.index).toBe(9);
  });
});

describe('captions and scores', () => {
  it('captions a frame with its index and time', () => {
    expect(frameCaption({ index: 12, timestampS: 0.48 })).toBe('frame 12, t = 0.48 s');
    expect(frameCaption({ index: 1, timestampS: 1 / 30 })).toBe('frame 1, t = 0.033 s');
    expect(formatSeconds(2)).toBe('2.00');
  });

  it('scores identical frames 0 and black against white 1', () => {
    const black = rgbaToLuma(new Uint8Array([0, 0, 0, 255, 0, 0, 0, 255]));
    const white = rgbaToLuma(new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255]));
    expect(frameDifference(black, black)).toBe(0);
    expect(frameDifference(black, white)).toBe(1);
  });
});
