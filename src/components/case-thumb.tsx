import { useLiveQuery } from '@/lib/storage/live-query';
import { projectDb } from '@/lib/storage/db';
import { BlobImage } from '@/components/blob-image';
import type { Case } from '@/core/model';

/** A case's thumbnail (its stored thumbnail, or the image itself for small image cases). */
export function CaseThumb({ c, className = '' }: { c: Case; className?: string }) {
  const blob = useLiveQuery(async () => {
    const db = projectDb();
    const t = await db.thumbs.get(c.assetId);
    if (t) return t.blob;
    if (c.kind !== 'image') return undefined;
    const a = await db.assets.get(c.assetId);
    return a && a.sizeBytes < 8_000_000 ? (await db.blobs.get(c.assetId))?.blob : undefined;
  }, [c.assetId, c.kind]);
  if (!blob) return <div className={`flex items-center justify-center bg-zinc-800 text-[10px] uppercase text-zinc-500 ${className}`}>{c.kind}</div>;
  return <BlobImage blob={blob} alt={c.name} className={`object-cover ${className}`} />;
}
