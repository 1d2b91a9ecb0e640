/**
 * The "k nearest normal references" policy: for each query, the reference candidates of its class
 * that look most like it, by a small global image descriptor. Pure: descriptors are plain arrays,
 * computed elsewhere (a worker) from the images the model gets.
 *
 * Never the query itself (same case or same file) and never a near-duplicate of it: a candidate
 * whose similarity reaches `nearDuplicateSimilarity` is the same picture re-saved or re-shot, and
 * showing it as "normal" would hand the model the answer (or hide the defect).
 */
import type { GrayImage } from '@/core/baseline/image-features';
import { resizeSquare } from '@/core/baseline/image-features';

/** How a prompt picks its reference images per query. */
export type ReferencePolicy =
  | { kind: 'fixed' }
  | {
      kind: 'nearest';
      /** References sent per query. */
      k: number;
      /** Cosine similarity (−1–1) at or above which a candidate counts as a near-duplicate of the query. */
      nearDuplicateSimilarity: number;
    };

export const DEFAULT_NEAREST_POLICY: Extract<ReferencePolicy, { kind: 'nearest' }> = { kind: 'nearest', k: 3, nearDuplicateSimilarity: 0.995 };

/** Side of the gray thumbnail a descriptor is made of, px. */
export const DESCRIPTOR_SIDE_PX = 16;

export interface DescribedCase {
  caseId: string;
  /** Content hash of the case's file: another case with the same file is the query itself. */
  assetId: string;
  /** Unit-length descriptor (see `imageDescriptor`); several images are concatenated. */
  descriptor: readonly number[];
}

export interface RetrievedReference {
  caseId: string;
  /** Cosine similarity to the query, −1–1 (1 = identical layout of brightness). */
  similarity: number;
}

export interface ExcludedReference extends RetrievedReference {
  reason: 'self' | 'near-duplicate';
}

export interface Retrieval {
  picked: RetrievedReference[];
  excluded: ExcludedReference[];
  /** Candidates considered (after exclusions, before the cut at k). */
  considered: number;
  k: number;
  nearDuplicateSimilarity: number;
}

/** Reads a stored policy; anything unreadable is the fixed policy (what every old prompt had). */
export function readReferencePolicy(v: unknown): ReferencePolicy {
  if (!v || typeof v !== 'object' || (v as { kind?: unknown }).kind !== 'nearest') return { kind: 'fixed' };
  const o = v as { k?: unknown; nearDuplicateSimilarity?: unknown };
  const k = typeof o.k === 'number' && Number.isFinite(o.k) ? Math.min(8, Math.max(1, Math.round(o.k))) : DEFAULT_NEAREST_POLICY.k;
  const t = typeof o.nearDuplicateSimilarity === 'number' && Number.isFinite(o.nearDuplicateSimilarity) ? Math.min(1, Math.max(0.5, o.nearDuplicateSimilarity)) : DEFAULT_NEAREST_POLICY.nearDuplicateSimilarity;
  return { kind: 'nearest', k, nearDuplicateSimilarity: t };
}

/**
 * A global descriptor of one gray image: a 16 × 16 area-averaged thumbnail with its mean removed,
 * scaled to unit length. Removing the mean makes a uniformly brighter photo of the same part
 * match; the thumbnail keeps pose and layout, which is what makes a reference comparable.
 */
export function imageDescriptor(img: GrayImage): number[] {
  const small = resizeSquare(img, DESCRIPTOR_SIDE_PX).data;
  let mean = 0;
  for (const v of small) mean += v;
  mean /= small.length;
  const out = Array.from(small, (v) => v - mean);
  return unit(out);
}

/** Several images (views, frames) of one case as one descriptor, each image weighted equally. */
export function caseDescriptor(perImage: readonly (readonly number[])[]): number[] {
  return unit(perImage.flatMap((d) => [...d]));
}

function unit(v: number[]): number[] {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  return n > 0 ? v.map((x) => x / n) : v.map(() => 0);
}

/**
 * Cosine similarity of two descriptors. Different lengths (a case with fewer views) compare over
 * the shared prefix; an empty or flat descriptor has similarity 0 with everything.
 */
export function similarity(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < n; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** The k most similar candidates, most similar first; ties keep the candidates' order. */
export function retrieveNearest(query: DescribedCase, candidates: readonly DescribedCase[], policy: { k: number; nearDuplicateSimilarity: number }): Retrieval {
  const excluded: ExcludedReference[] = [];
  const kept: (RetrievedReference & { order: number })[] = [];
  candidates.forEach((c, order) => {
    const s = similarity(query.descriptor, c.descriptor);
    if (c.caseId === query.caseId || c.assetId === query.assetId) excluded.push({ caseId: c.caseId, similarity: s, reason: 'self' });
    else if (s >= policy.nearDuplicateSimilarity) excluded.push({ caseId: c.caseId, similarity: s, reason: 'near-duplicate' });
    else kept.push({ caseId: c.caseId, similarity: s, order });
  });
  kept.sort((a, b) => b.similarity - a.similarity || a.order - b.order);
  return {
    picked: kept.slice(0, Math.max(0, policy.k)).map(({ caseId, similarity }) => ({ caseId, similarity })),
    excluded,
    considered: kept.length,
    k: policy.k,
    nearDuplicateSimilarity: policy.nearDuplicateSimilarity,
  };
}
