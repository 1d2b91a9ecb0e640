import { describe, expect, it } from 'vitest';
import { findHoles, holesSentence } from './holes';

const at = (fps: number, from: number, to: number) => Array.from({ length: to - from }, (_, i) => (from + i) / fps);

describe('holes in a video', () => {
  it('finds the zeroed middle third of a 25 fps video and keeps true frame numbers after it', () => {
    // 375 frames, 125–249 unreadable: what a demuxer that skips damage returns.
    const times = [...at(25, 0, 125), ...at(25, 250, 375)];
    const { indices, holes } = findHoles(times);
    expect(holes).toHaveLength(1);
    expect(holes[0].fromS).toBeCloseTo(124 / 25);
    expect(holes[0].toS).toBeCloseTo(10);
    expect(holes[0].missingFrames).toBe(125);
    // The frame shown at t = 10.0 s is frame 250, not the 126th readable one.
    expect(indices[125]).toBe(250);
    expect(indices[indices.length - 1]).toBe(374);
    expect(holesSentence(holes)).toBe('5.0 s could not be read (from 5.0 s to 10.0 s). Frames after this gap keep their original numbers.');
  });

  it('does not call a variable frame rate or a short stall a hole', () => {
    const vfr = [...at(30, 0, 60), ...at(15, 31, 60), ...at(30, 120, 180)];
    const { indices, holes } = findHoles(vfr);
    expect(holes).toEqual([]);
    expect(indices).toEqual(vfr.map((_, i) => i));
    expect(holesSentence([])).toBeUndefined();
  });

  it('handles one frame and no frames', () => {
    expect(findHoles([0])).toEqual({ indices: [0], holes: [] });
    expect(findHoles([])).toEqual({ indices: [], holes: [] });
  });
});
