/** Live reads of cases and their stored files, one hook per question the views ask. */
import type { Case } from '@/core/model';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { useLiveQuery, useTableQuery } from '@/lib/storage/live-query';
import { defaultOptions } from '@/core/options';

/** Every case of the project (tests, references, parts), in the order they were added. */
export function useAllCases(): Case[] | undefined {
  return useTableQuery(['cases'], () => projectDb().cases.orderBy('addedAt').toArray(), defaultOptions.library.caseListMinIntervalMs);
}

/** One case, live (undefined while loading or once deleted). */
export function useCase(caseId: string | undefined): Case | undefined {
  return useLiveQuery(async () => (caseId ? projectDb().cases.get(caseId) : undefined), [caseId]);
}

/** The windows a video case was split into, in time order (none for a window itself). */
export async function videoWindows(c: Pick<Case, 'id' | 'parentId'>, db: ProjectDb = projectDb()): Promise<Case[]> {
  if (c.parentId) return [];
  return (await db.cases.where('parentId').equals(c.id).toArray()).sort((a, b) => (a.window?.index ?? 0) - (b.window?.index ?? 0));
}

export function useVideoWindows(c: Pick<Case, 'id' | 'parentId'>): Case[] | undefined {
  return useLiveQuery(() => videoWindows(c), [c.id, c.parentId]);
}

/** The stored files with these asset ids, in the same order (undefined where one is missing). */
export function useAssetBlobs(assetIds: readonly string[]): (Blob | undefined)[] | undefined {
  return useLiveQuery(async () => (await projectDb().blobs.bulkGet([...assetIds])).map((b) => b?.blob), [assetIds.join(',')]);
}

/** What shows a case at a glance: an image's own bytes, else its thumbnail; null when there is none. */
export function useCaseDisplayBlob(c: Pick<Case, 'assetId' | 'kind'>): Blob | null | undefined {
  return useLiveQuery(async () => {
    const db = projectDb();
    if (c.kind === 'image') return (await db.blobs.get(c.assetId))?.blob ?? null;
    return (await db.thumbs.get(c.assetId))?.blob ?? null;
  }, [c.assetId, c.kind]);
}

/** The stored file of a case with its original name; throws a sentence when it is missing. */
export async function readCaseFile(c: Pick<Case, 'assetId' | 'name'>, what = 'file', db: ProjectDb = projectDb()): Promise<{ blob: Blob; name: string }> {
  const [asset, stored] = await Promise.all([db.assets.get(c.assetId), db.blobs.get(c.assetId)]);
  if (!asset || !stored) throw new Error(`The ${what} of case "${c.name}" is missing from storage; add the file again.`);
  return { blob: stored.blob, name: asset.name };
}

/** The project's name, when it has one. */
export function useProjectName(): { name: string | undefined } | undefined {
  return useLiveQuery(async () => {
    const kv = await projectDb().kv.get('project.name');
    return { name: typeof kv?.value === 'string' ? kv.value : undefined };
  }, []);
}
