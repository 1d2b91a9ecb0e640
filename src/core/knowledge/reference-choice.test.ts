import { describe, expect, it } from 'vitest';
import type { Case } from '@/core/model';
import { chooseReferences, promptReferenceIds } from '@/core/knowledge/reference-choice';

const mk = (id: string, over: Partial<Case> = {}): Case => ({ id, assetId: `a-${id}`, kind: 'image', name: id, className: 'bottle', role: 'test', truth: { status: 'unlabelled' }, maskAssetIds: [], addedAt: 1, ...over }) as Case;

describe('reference choice', () => {
  const query = mk('q');
  const ref = (id: string) => mk(id, { role: 'reference' });
  const normal = (id: string) => mk(id, { truth: { status: 'normal' } });

  it('takes the prompt’s picks first, never the query’s own file', () => {
    const sameFile = mk('copy', { assetId: query.assetId });
    expect(chooseReferences(query, [ref('r2'), sameFile], [ref('r1')], { limit: 6 })).toEqual({ cases: [ref('r2')], source: 'prompt' });
    expect(chooseReferences(query, [sameFile], [ref('r1')], { limit: 6 }).source).toBe('candidates');
  });

  it('falls back to reference candidates, then to cases labelled normal, up to the limit', () => {
    expect(chooseReferences(query, [], [normal('n1'), ref('r1')], { limit: 6 })).toEqual({ cases: [ref('r1')], source: 'candidates' });
    expect(chooseReferences(query, [], [normal('n2'), normal('n1'), mk('t')], { limit: 1, byName: true })).toEqual({ cases: [normal('n1')], source: 'normals' });
    expect(chooseReferences(query, [], [normal('n1')], { limit: 4, normals: false })).toEqual({ cases: [], source: 'candidates' });
    expect(chooseReferences(query, [], [], { limit: 4 })).toEqual({ cases: [], source: 'normals' });
  });

  it('keeps only eligible cases of the class', () => {
    const sub = mk('w', { role: 'reference', parentId: 'v' });
    expect(chooseReferences(query, [], [sub, normal('n1')], { limit: 8, eligible: (c) => !c.parentId }).cases).toEqual([normal('n1')]);
  });

  it('a control run’s override replaces the prompt’s picks', () => {
    const body = { references: { bottle: ['r1'] } };
    expect(promptReferenceIds(body, 'bottle')).toEqual(['r1']);
    expect(promptReferenceIds(body, 'bottle', ['x'])).toEqual(['x']);
    expect(promptReferenceIds(body, 'cable')).toEqual([]);
    expect(promptReferenceIds(undefined, 'bottle')).toEqual([]);
  });
});
