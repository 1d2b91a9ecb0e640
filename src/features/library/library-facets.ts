/**
 * The filters of the case browser as a table: each facet says how to read its value from a case.
 * A "result" facet (a run's verdict per case) is one more row here once runs exist; its
 * `valueOf` would read from a context map of verdicts, passed in `FacetContext`.
 */
import type { AssetKind, Case, CaseRole, LabelStatus } from '@/core/model';

export type FacetId = 'className' | 'kind' | 'label' | 'role';

/** Extra per-case data a facet may need (e.g. verdicts of the chosen run, later). */
export type FacetContext = Record<string, never>;

export interface Facet {
  id: FacetId;
  title: string;
  valueOf: (c: Case, ctx: FacetContext) => string;
  /** Fixed display order; values not listed come after, by name. */
  order?: readonly string[];
  titleOf?: (value: string) => string;
}

const KIND_ORDER: readonly AssetKind[] = ['image', 'pointcloud', 'video'];
const LABEL_ORDER: readonly LabelStatus[] = ['normal', 'anomalous', 'unsure', 'unlabelled'];
const ROLE_ORDER: readonly CaseRole[] = ['test', 'reference'];

export const FACETS: readonly Facet[] = [
  { id: 'className', title: 'Class', valueOf: (c) => c.className },
  {
    id: 'label',
    title: 'Label',
    valueOf: (c) => c.truth?.status ?? 'unlabelled',
    order: LABEL_ORDER,
    titleOf: (v) => ({ normal: 'Normal', anomalous: 'Anomalous', unsure: 'Unsure', unlabelled: 'Unlabelled' })[v] ?? v,
  },
  {
    id: 'kind',
    title: 'Kind',
    valueOf: (c) => c.kind,
    order: KIND_ORDER,
    titleOf: (v) => ({ image: 'Images', pointcloud: 'Point clouds', video: 'Videos' })[v] ?? v,
  },
  {
    id: 'role',
    title: 'Role',
    valueOf: (c) => c.role,
    order: ROLE_ORDER,
    titleOf: (v) => ({ test: 'Test cases', reference: 'Reference candidates' })[v] ?? v,
  },
];

/** Chosen values per facet; a facet with nothing chosen lets every case through. */
export type FacetSelection = Partial<Record<FacetId, readonly string[]>>;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function passes(c: Case, sel: FacetSelection, ctx: FacetContext, skip?: FacetId): boolean {
  for (const f of FACETS) {
    if (f.id === skip) continue;
    const chosen = sel[f.id];
    if (chosen && chosen.length > 0 && !chosen.includes(f.valueOf(c, ctx))) return false;
  }
  return true;
}

/** Cases that pass every facet and contain `search` in their name (case-insensitive), in the order given. */
export function applyFacets(cases: readonly Case[], sel: FacetSelection, search: string, ctx: FacetContext = {}): Case[] {
  const q = search.trim().toLowerCase();
  return cases.filter((c) => (!q || c.name.toLowerCase().includes(q)) && passes(c, sel, ctx));
}

export interface FacetValue {
  value: string;
  title: string;
  /** Cases with this value among those the other facets and the search let through. */
  count: number;
}

/**
 * Values of each facet with counts. Counts follow the other facets and the search (so "Anomalous 12"
 * means 12 anomalous cases in the chosen classes); every value present in the project is listed.
 */
export function facetValues(cases: readonly Case[], sel: FacetSelection, search: string, ctx: FacetContext = {}): Record<FacetId, FacetValue[]> {
  const q = search.trim().toLowerCase();
  const matching = q ? cases.filter((c) => c.name.toLowerCase().includes(q)) : cases;
  const out = {} as Record<FacetId, FacetValue[]>;
  for (const f of FACETS) {
    const counts = new Map<string, number>();
    for (const c of cases) {
      const v = f.valueOf(c, ctx);
      if (!counts.has(v)) counts.set(v, 0);
    }
    for (const v of sel[f.id] ?? []) if (!counts.has(v)) counts.set(v, 0);
    for (const c of matching) if (passes(c, sel, ctx, f.id)) {
      const v = f.valueOf(c, ctx);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const rank = (v: string) => {
      const i = f.order?.indexOf(v) ?? -1;
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    out[f.id] = [...counts]
      .map(([value, count]) => ({ value, count, title: f.titleOf?.(value) ?? value }))
      .sort((a, b) => rank(a.value) - rank(b.value) || collator.compare(a.value, b.value));
  }
  return out;
}
