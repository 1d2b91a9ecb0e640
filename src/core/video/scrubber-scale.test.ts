import { describe, expect, it } from 'vitest';
import { scrubberScale } from '@/core/video/scrubber-scale';
import { findHoles } from '@/core/video/holes';
import type { FrameInfo } from '@/core/video/frame-plan';

/** A table as the probe builds it: distinct sorted times, indices counted across holes. */
function table(times: number[]): FrameInfo[] {
  const { indices } = findHoles(times);
  return times.map((t, i) => ({ index: indices[i], timestampS: t }));
}

// Variable rate: 30 fps, then 5 fps, then 60 fps.
const vfr = [...Array.from({ length: 30 }, (_, i) => i / 30), ...Array.from({ length: 10 }, (_, i) => 1 + i / 5), ...Array.from({ length: 60 }, (_, i) => 3 + i / 60)];
// Damaged: 10 s at 25 fps with 4 s to 7 s unreadable.
const damaged = Array.from({ length: 250 }, (_, i) => i / 25).filter((t) => t < 4 || t >= 7);

describe('scrubber scale', () => {
  for (const [name, times, durationS] of [['variable-rate', vfr, 4], ['damaged', damaged, 10]] as const) {
    it(`puts the thumb where the time marks are on a ${name} file, and a drag to a mark lands on its frame`, () => {
      const frames = table([...times]);
      const s = scrubberScale(frames, durationS);
      frames.forEach((f, pos) => {
        // The slider's value for a frame is its time: the thumb's fraction is the mark's fraction.
        expect((f.timestampS - s.min) / (s.max - s.min)).toBeCloseTo(s.at(f.timestampS), 12);
        expect(s.positionAt(f.timestampS)).toBe(pos);
      });
      // Marks follow time, not the position in the table.
      const last = frames[frames.length - 1];
      expect(s.at(last.timestampS)).toBeCloseTo((last.timestampS - frames[0].timestampS) / durationS, 9);
    });
  }

  it('spans the hole by its duration and sends a drag inside it to the nearest readable frame', () => {
    const frames = table([...damaged]);
    const s = scrubberScale(frames, 10);
    const before = frames.findIndex((f) => f.timestampS >= 3.96);
    expect(s.at(7) - s.at(3.96)).toBeCloseTo(0.304, 6);
    expect(frames[before + 1].index).toBe(175);
    expect(s.positionAt(4.5)).toBe(before);
    expect(s.positionAt(6.8)).toBe(before + 1);
  });
});
