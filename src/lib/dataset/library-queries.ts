/** The library's questions to the project database, one function or hook per question. */
import { useMemo } from 'react';
import type { Asset, Case, Thumbnail } from '@/core/model';
import { compareCases, deleteCases, getThumbs, restoreCases, type DeletedCases } from '@/lib/dataset/case-store';
import { knownAssetIds } from '@/lib/ingest/store';
import { countMediaWithoutPreview } from '@/lib/images/media-thumbnails';
import { projectDb } from '@/lib/storage/db';
import { onTablesChanged, useLiveQuery, useTableQuery } from '@/lib/storage/live-query';
import { defaultOptions } from '@/core/options';

/** Every case of the project in library order (class, then name); undefined while loading. */
export function useAllCasesInOrder(): Case[] | undefined {
  const rows = useTableQuery(['cases'], () => projectDb().cases.toArray(), defaultOptions.library.caseListMinIntervalMs);
  return useMemo(() => (rows ? rows.sort(compareCases) : undefined), [rows]);
}

/** The stored file record of an asset (name, format, size, dimensions). */
export function useAsset(assetId: string): Asset | undefined {
  return useLiveQuery(() => projectDb().assets.get(assetId), [assetId]);
}

/** An image case's own file; null for other kinds or when it is missing, undefined while loading. */
export function useImageFile(c: Case): Blob | null | undefined {
  return useLiveQuery(async () => (c.kind === 'image' ? ((await projectDb().blobs.get(c.assetId))?.blob ?? null) : null), [c.assetId, c.kind]);
}

/** The stored thumbnail of an asset, if one was made. */
export function useStoredThumb(assetId: string): Blob | undefined {
  return useLiveQuery(async () => (await projectDb().thumbs.get(assetId))?.blob, [assetId]);
}

/** Images larger than this are not drawn as their own thumbnail (bytes). */
const INLINE_THUMB_MAX_BYTES = 8_000_000;

/** A case's small picture: its stored thumbnail, else the file itself for a small image case. */
export function useCaseThumbBlob(c: Case): Blob | undefined {
  return useLiveQuery(async () => {
    const db = projectDb();
    const t = await db.thumbs.get(c.assetId);
    if (t) return t.blob;
    if (c.kind !== 'image') return undefined;
    const a = await db.assets.get(c.assetId);
    return a && a.sizeBytes < INLINE_THUMB_MAX_BYTES ? (await db.blobs.get(c.assetId))?.blob : undefined;
  }, [c.assetId, c.kind]);
}

/** The case as stored now (its file may have changed since the caller read it). */
export async function readCase(id: string): Promise<Case | undefined> {
  return projectDb().cases.get(id);
}

/** Deletes cases with everything only they use; returns what is needed to put them back. */
export async function deleteProjectCases(ids: readonly string[]): Promise<DeletedCases> {
  return deleteCases(projectDb(), ids);
}

/** Puts back what `deleteProjectCases` removed. */
export async function restoreProjectCases(deleted: DeletedCases): Promise<void> {
  return restoreCases(projectDb(), deleted);
}

/** The stored thumbnails of several assets in one read, keyed by asset id. */
export function readThumbs(assetIds: readonly string[]): Promise<Map<string, Thumbnail>> {
  return getThumbs(projectDb(), assetIds);
}

/** Asset ids already in the project, so an ingest skips files it has seen. */
export function readKnownAssetIds(): Promise<Set<string>> {
  return knownAssetIds(projectDb());
}

/** How many point clouds and videos still show a placeholder instead of a preview; 0 while loading. */
export function useMediaWithoutPreviewCount(): number {
  return useLiveQuery(() => countMediaWithoutPreview(), [], 0);
}

/** Calls `changed` whenever stored thumbnails change (in this tab or another). */
export function onThumbsChanged(changed: () => void): void {
  onTablesChanged(['thumbs'], changed);
}
