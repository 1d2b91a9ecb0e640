/**
 * Splitting a video into consecutive windows, each judged as its own sub-case, so a run says
 * where in the video an event happens.
 */
import type { Case } from '@/core/model';
import type { FrameInfo } from '@/core/video/frame-plan';
import { formatSeconds } from '@/core/video/frame-plan';

export type WindowSplit = { by: 'seconds'; seconds: number } | { by: 'frames'; count: number };

export interface VideoWindow {
  index: number;
  startS: number;
  /** Exclusive. */
  endS: number;
}

export const MAX_WINDOWS = 500;

/**
 * Consecutive windows covering the video. `durationS` is the end of the last frame.
 * By seconds: [0, S), [S, 2S) … the last one ends at the duration. By frames: N frames each,
 * starting at the first frame's timestamp of each group.
 */
export function splitWindows(frames: readonly FrameInfo[], durationS: number, split: WindowSplit): VideoWindow[] {
  if (frames.length === 0) return [];
  const start = frames[0].timestampS;
  const end = Math.max(durationS, frames[frames.length - 1].timestampS + 1e-3);
  const out: VideoWindow[] = [];
  if (split.by === 'seconds') {
    const s = split.seconds;
    if (!(s > 0)) return [];
    const n = Math.min(MAX_WINDOWS, Math.ceil((end - start) / s - 1e-9));
    for (let i = 0; i < n; i++) {
      const w = { index: i, startS: start + i * s, endS: i === n - 1 ? end : start + (i + 1) * s };
      // Only keep windows that hold at least one frame.
      if (frames.some((f) => f.timestampS >= w.startS - 1e-9 && f.timestampS < w.endS - 1e-9)) out.push({ ...w, index: out.length });
    }
    return out;
  }
  const n = Math.floor(split.count);
  if (!(n > 0)) return [];
  for (let i = 0; i < frames.length && out.length < MAX_WINDOWS; i += n) {
    const next = frames[i + n];
    out.push({ index: out.length, startS: frames[i].timestampS, endS: next ? next.timestampS : end });
  }
  return out;
}

/** Id of the sub-case for one window of a case (stable, so re-splitting replaces rather than duplicates). */
export function windowCaseId(parentId: string, w: VideoWindow): string {
  return `${parentId}:w${w.index}`;
}

/** The sub-case of one window: same asset, class and role, unlabelled, pointing at its parent. */
export function windowSubCase(parent: Case, w: VideoWindow, now: number): Case {
  return {
    id: windowCaseId(parent.id, w),
    assetId: parent.assetId,
    kind: parent.kind,
    name: `${parent.name} [${formatSeconds(w.startS)}–${formatSeconds(w.endS)} s]`,
    className: parent.className,
    role: parent.role,
    truth: { status: 'unlabelled' },
    maskAssetIds: [],
    addedAt: now,
    parentId: parent.id,
    window: { startS: w.startS, endS: w.endS, index: w.index },
  };
}
