import { describe, expect, it } from 'vitest';
import type { GrayImage } from '@/core/baseline/image-features';
import { imageDescriptor, readReferencePolicy, retrieveNearest, similarity, type DescribedCase } from '@/core/knowledge/retrieval';

/** A 64 × 64 dark image with a bright disc at (cx, cy), radius r px, plus a brightness offset. */
function disc(cx: number, cy: number, r: number, offset = 0): GrayImage {
  const side = 64;
  const data = new Float32Array(side * side);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) data[y * side + x] = ((x - cx) ** 2 + (y - cy) ** 2 <= r * r ? 0.8 : 0.1) + offset;
  return { width: side, height: side, data };
}

const described = (caseId: string, img: GrayImage, assetId = `a-${caseId}`): DescribedCase => ({ caseId, assetId, descriptor: imageDescriptor(img) });

describe('reference retrieval', () => {
  const query = described('q', disc(32, 32, 14));
  const candidates = [
    described('far', disc(12, 12, 6)),
    described('near', disc(34, 32, 14)),
    described('nearer', disc(33, 32, 14)),
    described('middle', disc(40, 36, 12)),
  ];

  it('picks the k most similar candidates, most similar first, with their similarity', () => {
    const r = retrieveNearest(query, candidates, { k: 2, nearDuplicateSimilarity: 0.999 });
    expect(r.picked.map((p) => p.caseId)).toEqual(['nearer', 'near']);
    expect(r.picked[0].similarity).toBeGreaterThan(r.picked[1].similarity);
    expect(r.picked[1].similarity).toBeGreaterThan(similarity(query.descriptor, candidates[3].descriptor));
    expect(r.considered).toBe(4);
    expect(r.nearDuplicateSimilarity).toBe(0.999);
  });

  it('never picks the query itself, by case id or by file', () => {
    const self = described('q', disc(32, 32, 14));
    const copy = described('copy-of-q', disc(32, 32, 14), query.assetId);
    const r = retrieveNearest(query, [self, copy, ...candidates], { k: 3, nearDuplicateSimilarity: 1.01 });
    expect(r.picked.map((p) => p.caseId)).not.toContain('q');
    expect(r.picked.map((p) => p.caseId)).not.toContain('copy-of-q');
    expect(r.excluded).toEqual([
      { caseId: 'q', similarity: expect.closeTo(1, 6), reason: 'self' },
      { caseId: 'copy-of-q', similarity: expect.closeTo(1, 6), reason: 'self' },
    ]);
  });

  it('leaves out near-duplicates (a re-saved, brighter copy) at the threshold, and keeps them below it', () => {
    const brighter = described('brighter-copy', disc(32, 32, 14, 0.05));
    const strict = retrieveNearest(query, [brighter, ...candidates], { k: 2, nearDuplicateSimilarity: 0.995 });
    expect(strict.picked.map((p) => p.caseId)).toEqual(['nearer', 'near']);
    expect(strict.excluded).toEqual([{ caseId: 'brighter-copy', similarity: expect.closeTo(1, 6), reason: 'near-duplicate' }]);
    // Only an identical layout reaches 1: with the threshold above it, the copy counts as a candidate.
    const loose = retrieveNearest(query, [brighter, ...candidates], { k: 1, nearDuplicateSimilarity: 1.5 });
    expect(loose.picked.map((p) => p.caseId)).toEqual(['brighter-copy']);
  });

  it('returns fewer than k when the class has fewer candidates, and none for an empty class', () => {
    expect(retrieveNearest(query, candidates.slice(0, 1), { k: 3, nearDuplicateSimilarity: 0.995 }).picked).toHaveLength(1);
    expect(retrieveNearest(query, [], { k: 3, nearDuplicateSimilarity: 0.995 }).picked).toEqual([]);
  });

  it('reads stored policies fail-safe: anything unreadable is the fixed policy, numbers are clamped', () => {
    expect(readReferencePolicy(undefined)).toEqual({ kind: 'fixed' });
    expect(readReferencePolicy({ kind: 'nearest?' })).toEqual({ kind: 'fixed' });
    expect(readReferencePolicy({ kind: 'nearest', k: 40, nearDuplicateSimilarity: 'x' })).toEqual({ kind: 'nearest', k: 8, nearDuplicateSimilarity: 0.995 });
  });
});
