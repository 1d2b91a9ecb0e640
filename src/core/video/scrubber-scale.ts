/**
 * The scrubber's one scale: the slider's value is a frame's presentation time, and every mark
 * (planned frames, moment, windows, current frame) sits at the same fraction of that time span.
 * So the thumb and the marks agree on variable-rate files and across unreadable stretches, where
 * a frame's position in the table says nothing about where it is in time.
 */
import type { FrameInfo } from '@/core/video/frame-plan';

export interface ScrubberScale {
  /** Slider range, s. */
  min: number;
  max: number;
  /** Fraction 0–1 of the track at time `t` (marks and the thumb alike). */
  at(t: number): number;
  /** Position in the frame table of the frame nearest to `t` (where a drag lands). */
  positionAt(t: number): number;
}

export function scrubberScale(frames: readonly FrameInfo[], durationS: number): ScrubberScale {
  const min = frames[0]?.timestampS ?? 0;
  const max = min + Math.max(1e-6, durationS - min);
  return {
    min,
    max,
    at: (t) => Math.min(1, Math.max(0, (t - min) / (max - min))),
    positionAt: (t) => nearestPosition(frames, t),
  };
}

function nearestPosition(frames: readonly FrameInfo[], t: number): number {
  if (frames.length === 0) return 0;
  let lo = 0;
  let hi = frames.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid].timestampS < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && t - frames[lo - 1].timestampS < frames[lo].timestampS - t ? lo - 1 : lo;
}
