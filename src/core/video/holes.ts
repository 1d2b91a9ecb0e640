/**
 * Unreadable stretches of a video, found from its frame timestamps: a demuxer that skips damaged
 * data (Matroska's does, silently) leaves a gap far above the usual frame interval. Frames after a
 * gap keep their true index (counted in median intervals across the gap), so "frame 247" is still
 * frame 247 of the original, not the 78th frame that could be read.
 */

export interface VideoHole {
  /** Last readable frame before the gap, s. */
  fromS: number;
  /** First readable frame after the gap, s. */
  toS: number;
  /** Frames the gap would hold at the median interval. */
  missingFrames: number;
}

/** A gap counts as a hole when it exceeds this many median intervals… */
const HOLE_INTERVALS = 8;
/** …and this many seconds (slow-rate captures and pauses in variable-rate files are not holes). */
const HOLE_MIN_S = 0.5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

/** Holes in sorted, distinct timestamps, and each frame's index with the missing frames counted. */
export function findHoles(timesS: readonly number[]): { indices: number[]; holes: VideoHole[] } {
  const gaps = timesS.slice(1).map((t, i) => t - timesS[i]);
  const step = median(gaps);
  const holes: VideoHole[] = [];
  const indices: number[] = timesS.length ? [0] : [];
  for (let i = 1; i < timesS.length; i++) {
    const gap = gaps[i - 1];
    let advance = 1;
    if (step > 0 && gap > HOLE_INTERVALS * step && gap > HOLE_MIN_S) {
      advance = Math.max(1, Math.round(gap / step));
      holes.push({ fromS: timesS[i - 1], toS: timesS[i], missingFrames: advance - 1 });
    }
    indices.push(indices[i - 1] + advance);
  }
  return { indices, holes };
}

const s1 = (v: number) => `${(Math.round(v * 10) / 10).toFixed(1)} s`;

/** "4.2 s could not be read (from 3.1 s to 7.3 s)", one clause per hole; undefined without holes. */
export function holesSentence(holes: readonly VideoHole[]): string | undefined {
  if (!holes.length) return undefined;
  const parts = holes.map((h) => `${s1(h.toS - h.fromS)} could not be read (from ${s1(h.fromS)} to ${s1(h.toS)})`);
  return `${parts.join('; ')}. Frames after ${holes.length === 1 ? 'this gap' : 'these gaps'} keep their original numbers.`;
}
