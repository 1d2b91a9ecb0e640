import { describe, expect, it } from 'vitest';
import type { Case } from '@/core/model';
import { applyFacets, facetValues } from '@/features/library/library-facets';

const mk = (id: string, className: string, status: Case['truth']['status'], over: Partial<Case> = {}): Case => ({
  id,
  assetId: id,
  kind: 'image',
  name: `${className}/${id}.png`,
  className,
  role: 'test',
  truth: { status },
  maskAssetIds: [],
  addedAt: 1,
  ...over,
});

const cases = [
  mk('b1', 'bottle', 'normal'),
  mk('b2', 'bottle', 'anomalous'),
  mk('b3', 'bottle', 'anomalous'),
  mk('c1', 'cable', 'anomalous'),
  mk('c2', 'cable', 'normal', { role: 'reference' }),
  mk('p1', 'bagel', 'unlabelled', { kind: 'pointcloud' }),
];

describe('library facets', () => {
  it('combines facets with AND and values within a facet with OR, plus the name search', () => {
    expect(applyFacets(cases, { className: ['bottle', 'cable'], label: ['anomalous'] }, '').map((c) => c.id)).toEqual(['b2', 'b3', 'c1']);
    expect(applyFacets(cases, { role: ['reference'] }, '').map((c) => c.id)).toEqual(['c2']);
    expect(applyFacets(cases, {}, 'CABLE/C1').map((c) => c.id)).toEqual(['c1']);
    expect(applyFacets(cases, { kind: [] }, '')).toHaveLength(6);
  });

  it('counts each value under the other facets, and keeps listing values that drop to zero', () => {
    const v = facetValues(cases, { className: ['bottle'] }, '');
    expect(v.label).toEqual([
      { value: 'normal', title: 'Normal', count: 1 },
      { value: 'anomalous', title: 'Anomalous', count: 2 },
      { value: 'unlabelled', title: 'Unlabelled', count: 0 },
    ]);
    // the class facet ignores its own choice, so other classes still show their counts
    expect(v.className.map((x) => [x.value, x.count])).toEqual([
      ['bagel', 1],
      ['bottle', 3],
      ['cable', 2],
    ]);
    expect(v.kind.map((x) => x.title)).toEqual(['Images', 'Point clouds']);
  });

  it('counts follow the search', () => {
    const v = facetValues(cases, {}, 'b2');
    expect(v.className.find((x) => x.value === 'bottle')!.count).toBe(1);
    expect(v.className.find((x) => x.value === 'cable')!.count).toBe(0);
  });
});
