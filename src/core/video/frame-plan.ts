/**
 * Frame plans: which frames of a video the model gets. Everything works on the decoder's own
 * frame table (presentation order, real timestamps), never on "time × fps".
 */

/** One decoded frame as the decoder reports it. `index` is its position in presentation order. */
export interface FrameInfo {
  index: number;
  /** Presentation timestamp in seconds. */
  timestampS: number;
  /** A key frame: decodable on its own, so it is fast to reach. */
  key?: boolean;
}

export interface TimeRange {
  startS: number;
  /** Exclusive. */
  endS: number;
}

export type FramePlan =
  | { kind: 'uniform'; count: number; range?: TimeRange }
  /** Frames where the picture changes most (scene-change score from downscaled frame differences). */
  | { kind: 'scene-change'; count: number; range?: TimeRange }
  /** Half the frames within ±`spreadS` of the marked moment, the rest over the whole range. */
  | { kind: 'around-moment'; count: number; momentS: number; spreadS: number; range?: TimeRange }
  | { kind: 'hand'; indices: number[]; range?: TimeRange };

export type FramePlanKind = FramePlan['kind'];

/** A chosen frame: the decoder's index and presentation time. */
export interface PickedFrame {
  index: number;
  timestampS: number;
}

/** Change score of a frame against the candidate before it (0–1). */
export interface ChangeScore {
  index: number;
  score: number;
}

export const MAX_PLAN_FRAMES = 64;

export const DEFAULT_PLAN: FramePlan = { kind: 'uniform', count: 8 };

/** Frames inside `range` (all frames when there is none). */
export function framesInRange(frames: readonly FrameInfo[], range?: TimeRange): FrameInfo[] {
  if (!range) return [...frames];
  return frames.filter((f) => f.timestampS >= range.startS - 1e-9 && f.timestampS < range.endS - 1e-9);
}

/** The frame shown at time `t`: the last frame whose timestamp is ≤ t (the first frame before it). */
export function frameAtTime(frames: readonly FrameInfo[], t: number): FrameInfo | undefined {
  if (frames.length === 0) return undefined;
  let lo = 0;
  let hi = frames.length - 1;
  if (t <= frames[0].timestampS) return frames[0];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frames[mid].timestampS <= t + 1e-9) lo = mid;
    else hi = mid - 1;
  }
  return frames[lo];
}

/** `count` positions spread evenly over `n` items, first and last included. */
export function evenPositions(n: number, count: number): number[] {
  if (n <= 0 || count <= 0) return [];
  if (count >= n) return Array.from({ length: n }, (_, i) => i);
  if (count === 1) return [Math.floor((n - 1) / 2)];
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(Math.round((i * (n - 1)) / (count - 1)));
  return [...new Set(out)];
}

function pick(f: FrameInfo): PickedFrame {
  return { index: f.index, timestampS: f.timestampS };
}

function byIndex(a: PickedFrame, b: PickedFrame) {
  return a.index - b.index;
}

function clampCount(n: number) {
  return Math.max(1, Math.min(MAX_PLAN_FRAMES, Math.floor(Number.isFinite(n) ? n : 1)));
}

/**
 * The frames a plan chooses, in presentation order, without duplicates.
 * `changeScores` is needed only by the scene-change plan (frames without a score are not candidates).
 */
export function planFrames(plan: FramePlan, frames: readonly FrameInfo[], changeScores: readonly ChangeScore[] = []): PickedFrame[] {
  const pool = framesInRange(frames, plan.range);
  if (pool.length === 0) return [];
  switch (plan.kind) {
    case 'uniform': {
      return evenPositions(pool.length, clampCount(plan.count)).map((i) => pick(pool[i]));
    }
    case 'scene-change': {
      const inPool = new Map(pool.map((f) => [f.index, f]));
      const first = pool[0];
      // The first frame starts the first scene, so it always counts as a change.
      const scored = changeScores
        .filter((s) => inPool.has(s.index) && s.index !== first.index)
        .map((s) => ({ f: inPool.get(s.index)!, score: s.score }));
      scored.sort((a, b) => b.score - a.score || a.f.index - b.f.index);
      const chosen = [first, ...scored.slice(0, clampCount(plan.count) - 1).map((s) => s.f)];
      return chosen.map(pick).sort(byIndex);
    }
    case 'around-moment':
      return aroundMoment(pool, clampCount(plan.count), plan.momentS, Math.max(0, plan.spreadS));
    case 'hand': {
      const inPool = new Map(pool.map((f) => [f.index, f]));
      const seen = new Set<number>();
      const out: PickedFrame[] = [];
      for (const i of plan.indices) {
        const f = inPool.get(i);
        if (f && !seen.has(i)) {
          seen.add(i);
          out.push(pick(f));
        }
      }
      return out.sort(byIndex).slice(0, MAX_PLAN_FRAMES);
    }
  }
}

/** A planned frame and the key frame the fast preview shows in its place. */
export interface PreviewFrame {
  planned: PickedFrame;
  shown: PickedFrame;
}

/**
 * The fast preview: each planned frame stands in as the key frame nearest to it in time (one
 * decode each instead of a walk through its GOP). Approximate by design, so it is only ever
 * shown labelled as such; runs always use `planFrames`' exact frames. Without key frames in the
 * table every frame shows itself.
 */
export function keyFramePreview(picked: readonly PickedFrame[], frames: readonly FrameInfo[]): PreviewFrame[] {
  const keys = frames.filter((f) => f.key);
  if (keys.length === 0) return picked.map((p) => ({ planned: p, shown: p }));
  return picked.map((p) => {
    const before = frameAtTime(keys, p.timestampS)!;
    const k = keys.indexOf(before);
    const after = keys[k + 1];
    const near = after && after.timestampS - p.timestampS < Math.abs(p.timestampS - before.timestampS) ? after : before;
    return { planned: p, shown: pick(near) };
  });
}

function aroundMoment(pool: FrameInfo[], count: number, momentS: number, spreadS: number): PickedFrame[] {
  const near = Math.ceil(count / 2);
  const chosen = new Map<number, FrameInfo>();
  const lo = momentS - spreadS;
  const hi = momentS + spreadS;
  const nearPool = pool.filter((f) => f.timestampS >= lo - 1e-9 && f.timestampS <= hi + 1e-9);
  const nearSource = nearPool.length > 0 ? nearPool : [frameAtTime(pool, momentS)!];
  for (const i of evenPositions(nearSource.length, near)) chosen.set(nearSource[i].index, nearSource[i]);
  for (const i of evenPositions(pool.length, count - near)) chosen.set(pool[i].index, pool[i]);
  if (chosen.size < count) {
    // Overlaps leave gaps: fill with the unused frames closest to the moment.
    const rest = pool
      .filter((f) => !chosen.has(f.index))
      .sort((a, b) => Math.abs(a.timestampS - momentS) - Math.abs(b.timestampS - momentS) || a.index - b.index);
    for (const f of rest.slice(0, count - chosen.size)) chosen.set(f.index, f);
  }
  return [...chosen.values()].map(pick).sort(byIndex);
}

/**
 * How different two downscaled grey frames are: mean absolute difference, 0 (same) to 1.
 * Both arrays hold one luma byte per pixel and have the same length.
 */
export function frameDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) return 1;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / (a.length * 255);
}

/** Luma (BT.601) of RGBA pixels, one byte per pixel. */
export function rgbaToLuma(rgba: ArrayLike<number>): Uint8Array {
  const n = Math.floor(rgba.length / 4);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2]);
  return out;
}

/** The candidate frames scored for scene changes: all of them up to `max`, else evenly spread. */
export function changeCandidates(frames: readonly FrameInfo[], max = 300): FrameInfo[] {
  return evenPositions(frames.length, Math.min(max, frames.length)).map((i) => frames[i]);
}

/** Caption of a frame as the model reads it. */
export function frameCaption(f: PickedFrame): string {
  return `frame ${f.index}, t = ${formatSeconds(f.timestampS)} s`;
}

/** Seconds with 2 decimals, or 3 when the third one matters (e.g. 0.033). */
export function formatSeconds(s: number): string {
  const ms = Math.round(s * 1000);
  const neg = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const whole = Math.floor(abs / 1000);
  const frac = String(abs % 1000).padStart(3, '0');
  return `${neg}${whole}.${frac.endsWith('0') ? frac.slice(0, 2) : frac}`;
}
