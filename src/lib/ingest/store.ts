/**
 * Ingest writes: each file lands as asset + blob + thumbnail + case in ONE transaction, so a
 * failure (disk full, quota) leaves nothing half-written. Same bytes twice add nothing.
 */
import type { Asset, Case, GroundTruth, CaseRole } from '@/core/model';
import { isQuotaError, QUOTA_MESSAGE, type ProjectDb } from '@/lib/storage/db';
import type { PreparedFile } from '@/lib/ingest/types';

export interface CaseDraft {
  /** Path inside the drop (the case's display name). */
  path: string;
  fileName: string;
  className: string;
  role: CaseRole;
  truth: GroundTruth;
}

export type SaveOutcome =
  | { status: 'added'; caseId: string }
  | { status: 'duplicate'; existingName?: string }
  | { status: 'mask-attached'; caseId: string }
  | { status: 'mask-target-missing' }
  | { status: 'no-room'; message: string };

export const caseIdFor = (assetId: string) => `c_${assetId}`;

/** Every asset id already stored (for skipping known bytes before decoding). */
export async function knownAssetIds(db: ProjectDb): Promise<Set<string>> {
  return new Set((await db.assets.toCollection().primaryKeys()) as string[]);
}

function assetRow(p: PreparedFile, fileName: string, now: number): Asset {
  return {
    id: p.assetId,
    kind: p.kind,
    format: p.format,
    mime: p.mime,
    name: fileName,
    sizeBytes: p.sizeBytes,
    addedAt: now,
    ...(p.width ? { width: p.width, height: p.height } : {}),
    ...(p.bitDepth ? { bitDepth: p.bitDepth } : {}),
  };
}

// The dropped file itself (typed by its content): the browser copies a disk-backed File into
// IndexedDB without the bytes passing through this thread again.
function typedBlob(p: PreparedFile, dropped: Blob): Blob {
  return dropped.type === p.mime ? dropped : dropped.slice(0, dropped.size, p.mime);
}

async function guarded<T extends SaveOutcome>(work: () => Promise<T>): Promise<T | { status: 'no-room'; message: string }> {
  try {
    return await work();
  } catch (err) {
    if (isQuotaError(err)) return { status: 'no-room', message: QUOTA_MESSAGE };
    throw err;
  }
}

/** Stores a new file as a case; reports a duplicate when its bytes are already stored. */
export async function saveCase(db: ProjectDb, p: PreparedFile, blob: Blob, draft: CaseDraft, now = Date.now()): Promise<SaveOutcome> {
  const typed = typedBlob(p, blob);
  return guarded(() =>
    db.transaction('rw', [db.assets, db.blobs, db.thumbs, db.cases], async (): Promise<SaveOutcome> => {
      if (await db.assets.get(p.assetId)) {
        const existing = await db.cases.where('assetId').equals(p.assetId).first();
        return { status: 'duplicate', existingName: existing?.name };
      }
      await db.assets.add(assetRow(p, draft.fileName, now));
      await db.blobs.add({ id: p.assetId, blob: typed });
      if (p.thumb) await db.thumbs.add({ id: p.assetId, blob: p.thumb.blob, width: p.thumb.width, height: p.thumb.height, ...(p.thumb.placeholder ? { placeholder: true } : {}) });
      const c: Case = {
        id: caseIdFor(p.assetId),
        assetId: p.assetId,
        kind: p.kind,
        name: draft.path,
        className: draft.className,
        role: draft.role,
        truth: draft.truth,
        maskAssetIds: [],
        addedAt: now,
      };
      await db.cases.add(c);
      return { status: 'added', caseId: c.id };
    }),
  );
}

/** Stores a mask or companion image (once) and attaches it to the case of `targetAssetId`. */
export async function saveAttachment(db: ProjectDb, slot: 'mask' | 'companion', p: PreparedFile, blob: Blob, fileName: string, targetAssetId: string, now = Date.now()): Promise<SaveOutcome> {
  const typed = typedBlob(p, blob);
  return guarded(() =>
    db.transaction('rw', [db.assets, db.blobs, db.thumbs, db.cases], async (): Promise<SaveOutcome> => {
      const target = await db.cases.where('assetId').equals(targetAssetId).filter((c) => !c.parentId).first();
      if (!target) return { status: 'mask-target-missing' };
      const list = slot === 'mask' ? target.maskAssetIds : (target.companionAssetIds ?? []);
      if (list.includes(p.assetId)) return { status: 'duplicate', existingName: target.name };
      // Identical bytes across cases are normal here (MVTec 3D-AD's all-black good masks): the
      // asset is stored once and attached to each case.
      if (!(await db.assets.get(p.assetId))) {
        await db.assets.add(assetRow(p, fileName, now));
        await db.blobs.add({ id: p.assetId, blob: typed });
        if (p.thumb) await db.thumbs.add({ id: p.assetId, blob: p.thumb.blob, width: p.thumb.width, height: p.thumb.height });
      }
      await db.cases.update(target.id, slot === 'mask' ? { maskAssetIds: [...list, p.assetId] } : { companionAssetIds: [...list, p.assetId] });
      return { status: 'mask-attached', caseId: target.id };
    }),
  );
}

/** Stores a mask (once) and attaches it to the case of `targetAssetId`. */
export const saveMask = (db: ProjectDb, p: PreparedFile, blob: Blob, fileName: string, targetAssetId: string, now = Date.now()) => saveAttachment(db, 'mask', p, blob, fileName, targetAssetId, now);
