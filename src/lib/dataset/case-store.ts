/**
 * Queries over cases for the case browser, and undoable deletion.
 * Queries read only the small case rows (never blobs); thumbnails are fetched by asset id on demand.
 */
import type { Asset, AssetBlob, AssetKind, Case, CaseRole, LabelStatus, Render, Thumbnail } from '@/core/model';
import type { ProjectDb } from '@/lib/storage/db';

/** What the browser shows; an empty or missing list means "any". */
export interface CaseFilter {
  classNames?: readonly string[];
  kinds?: readonly AssetKind[];
  labels?: readonly LabelStatus[];
  roles?: readonly CaseRole[];
  /** Case-insensitive substring of the case name (or its class). */
  search?: string;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Browser order: class, then name (numbers in names sort as numbers), then id. */
export function compareCases(a: Case, b: Case): number {
  return collator.compare(a.className, b.className) || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function anyOf<T>(list: readonly T[] | undefined): ((v: T) => boolean) | undefined {
  if (!list || list.length === 0) return undefined;
  const set = new Set(list);
  return (v) => set.has(v);
}

/** Pure: the cases that pass `filter`, in the order given. */
export function filterCases(cases: readonly Case[], filter: CaseFilter): Case[] {
  const cls = anyOf(filter.classNames);
  const kind = anyOf(filter.kinds);
  const label = anyOf(filter.labels);
  const role = anyOf(filter.roles);
  const q = filter.search?.trim().toLowerCase();
  return cases.filter(
    (c) =>
      (!cls || cls(c.className)) &&
      (!kind || kind(c.kind)) &&
      (!label || label(c.truth?.status ?? 'unlabelled')) &&
      (!role || role(c.role)) &&
      (!q || c.name.toLowerCase().includes(q)),
  );
}

/** All cases in browser order. Reads case rows only, so it stays cheap for 10,000 cases. */
export async function listAllCases(db: ProjectDb): Promise<Case[]> {
  const rows = await db.cases.toArray();
  return rows.sort(compareCases);
}

/** Cases matching `filter`, in browser order. */
export async function queryCases(db: ProjectDb, filter: CaseFilter = {}): Promise<Case[]> {
  // A single class narrows through the index; everything else filters in memory.
  const rows =
    filter.classNames?.length === 1 ? await db.cases.where('className').equals(filter.classNames[0]).toArray() : await db.cases.toArray();
  return filterCases(rows, filter).sort(compareCases);
}

export interface Count<K extends string = string> {
  key: K;
  count: number;
}

/** Pure: how many cases have each value of `key`, by value name. */
export function countBy<K extends string>(cases: readonly Case[], key: (c: Case) => K): Count<K>[] {
  const m = new Map<K, number>();
  for (const c of cases) {
    const k = key(c);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m].map(([k, count]) => ({ key: k, count })).sort((a, b) => collator.compare(a.key, b.key));
}

/** Class names with their case counts, by name. */
export async function listClasses(db: ProjectDb): Promise<Count[]> {
  const out: Count[] = [];
  const names = (await db.cases.orderBy('className').uniqueKeys()) as string[];
  for (const name of names) out.push({ key: name, count: await db.cases.where('className').equals(name).count() });
  return out.sort((a, b) => collator.compare(a.key, b.key));
}

/** Thumbnails for the given assets (missing ones are left out). */
export async function getThumbs(db: ProjectDb, assetIds: readonly string[]): Promise<Map<string, Thumbnail>> {
  const rows = await db.thumbs.bulkGet([...assetIds]);
  const out = new Map<string, Thumbnail>();
  for (const r of rows) if (r) out.set(r.id, r);
  return out;
}

export async function getThumb(db: ProjectDb, assetId: string): Promise<Thumbnail | undefined> {
  return db.thumbs.get(assetId);
}

// Past this many keys, one getAll over the table beats thousands of single-key requests.
const MANY_KEYS = 1000;

type Keyed = { id: string };

/** The part of a table these helpers use (every project table keyed by `id` has it). */
interface KeyedTable<T> {
  bulkGet(keys: string[]): Promise<(T | undefined)[]>;
  bulkDelete(keys: string[]): Promise<void>;
  toArray(): Promise<T[]>;
  count(): Promise<number>;
  clear(): Promise<void>;
}

async function getMany<T extends Keyed>(table: KeyedTable<T>, ids: readonly string[]): Promise<T[]> {
  if (ids.length === 0) return [];
  if (ids.length < MANY_KEYS) return (await table.bulkGet([...ids])).filter((x): x is T => !!x);
  const want = new Set(ids);
  return (await table.toArray()).filter((r) => want.has(r.id));
}

/** Deletes the rows; clears the table when they are all of it (e.g. "select all, delete"). */
async function deleteMany<T extends Keyed>(table: KeyedTable<T>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  if (ids.length >= MANY_KEYS && ids.length === (await table.count())) await table.clear();
  else await table.bulkDelete([...ids]);
}

/** Everything a deletion removed, kept in memory so `restoreCases` can put it back exactly. */
export interface DeletedCases {
  cases: Case[];
  assets: Asset[];
  blobs: AssetBlob[];
  thumbs: Thumbnail[];
  renders: Render[];
}

/**
 * Deletes the cases (and their sub-cases, e.g. video windows), then every asset, blob, thumbnail
 * and render that no remaining case uses (as its asset or as a mask). One transaction: all or nothing.
 */
export async function deleteCases(db: ProjectDb, ids: Iterable<string>): Promise<DeletedCases> {
  const wanted = [...new Set(ids)];
  return db.transaction('rw', [db.cases, db.assets, db.blobs, db.thumbs, db.renders], async () => {
    const direct = await getMany(db.cases, wanted);
    const byId = new Map(direct.map((c) => [c.id, c]));
    // Sub-cases go with their parent, at any depth.
    let frontier = direct.map((c) => c.id);
    while (frontier.length) {
      const kids = await db.cases.where('parentId').anyOf(frontier).toArray();
      frontier = [];
      for (const k of kids) {
        if (byId.has(k.id)) continue;
        byId.set(k.id, k);
        frontier.push(k.id);
      }
    }
    const cases = [...byId.values()];
    if (cases.length === 0) return { cases: [], assets: [], blobs: [], thumbs: [], renders: [] };
    await deleteMany(db.cases, cases.map((c) => c.id));

    const candidates = new Set<string>();
    for (const c of cases) {
      candidates.add(c.assetId);
      for (const m of c.maskAssetIds ?? []) candidates.add(m);
    }
    const ids = [...candidates];
    // Masks have no index, so one read of the remaining rows answers both questions;
    // getAll is faster than many index lookups once deletions are large.
    const stillUsed = new Set<string>();
    for (const c of await db.cases.toArray()) {
      if (candidates.has(c.assetId)) stillUsed.add(c.assetId);
      for (const m of c.maskAssetIds ?? []) if (candidates.has(m)) stillUsed.add(m);
    }
    const orphans = ids.filter((id) => !stillUsed.has(id));

    const assets = await getMany(db.assets, orphans);
    const blobs = await getMany(db.blobs, orphans);
    const thumbs = await getMany(db.thumbs, orphans);
    const orphanSet = new Set(orphans);
    const renders =
      orphans.length === 0
        ? []
        : orphans.length < MANY_KEYS
          ? await db.renders.where('assetId').anyOf(orphans).toArray()
          : (await db.renders.toArray()).filter((r) => orphanSet.has(r.assetId));
    // Only rows that exist: deleting absent keys still costs a request each.
    await deleteMany(db.assets, assets.map((a) => a.id));
    await deleteMany(db.blobs, blobs.map((b) => b.id));
    await deleteMany(db.thumbs, thumbs.map((t) => t.id));
    await deleteMany(db.renders, renders.map((r) => r.id));
    return { cases, assets, blobs, thumbs, renders };
  });
}

/** Puts back everything `deleteCases` removed, in one transaction. */
export async function restoreCases(db: ProjectDb, deleted: DeletedCases): Promise<void> {
  await db.transaction('rw', [db.cases, db.assets, db.blobs, db.thumbs, db.renders], async () => {
    await db.assets.bulkPut(deleted.assets);
    await db.blobs.bulkPut(deleted.blobs);
    await db.thumbs.bulkPut(deleted.thumbs);
    await db.renders.bulkPut(deleted.renders);
    await db.cases.bulkPut(deleted.cases);
  });
}
