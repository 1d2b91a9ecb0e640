/**
 * What a video case becomes for the model: a frame plan, a representation (separate frames or one
 * contact sheet), an optional crop/mask, and the image size. Cached by a hash of this spec.
 */
import type { CropMask } from '@/core/video/crop-mask';
import { DEFAULT_PLAN, type FramePlan, type TimeRange } from '@/core/video/frame-plan';
import { canonicalJson } from '@/core/identity';

export type VideoRepresentation = 'sequence' | 'contact-sheet';

export interface VideoSpec {
  plan: FramePlan;
  representation: VideoRepresentation;
  cropMask?: CropMask;
  /** Longest side of each image (frame or sheet) in px. */
  maxSidePx: number;
}

/** Bump when the drawing changes, so old cached renders are not reused. */
export const VIDEO_RENDER_VERSION = 1;

export const DEFAULT_VIDEO_SPEC: VideoSpec = { plan: DEFAULT_PLAN, representation: 'sequence', maxSidePx: 768 };

export const SHEET_MAX_SIDE_PX = 1536;

export function caseSpecKey(caseId: string) {
  return `frame-plan:video:case:${caseId}`;
}

export function classSpecKey(className: string) {
  return `frame-plan:video:class:${className}`;
}

/** The spec that applies: the case's own, else its parent's, else its class's, else the default. */
export function resolveSpec(...candidates: (VideoSpec | undefined | null)[]): VideoSpec {
  for (const c of candidates) if (c && typeof c === 'object' && c.plan) return { ...DEFAULT_VIDEO_SPEC, ...c };
  return DEFAULT_VIDEO_SPEC;
}

/** A window sub-case looks only inside its window (intersected with any range the plan has). */
export function specForWindow(spec: VideoSpec, window?: TimeRange): VideoSpec {
  if (!window) return spec;
  const r = spec.plan.range;
  const range = r ? { startS: Math.max(r.startS, window.startS), endS: Math.min(r.endS, window.endS) } : { startS: window.startS, endS: window.endS };
  return { ...spec, plan: { ...spec.plan, range } };
}

/** 64-bit FNV-1a of a string as 16 hex digits (a cache key, not a security hash). */
export function fnv1a64(s: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}

export function videoSpecHash(spec: VideoSpec): string {
  return fnv1a64(canonicalJson({ v: VIDEO_RENDER_VERSION, kind: 'video', spec }));
}
