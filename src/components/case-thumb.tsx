import { useCaseThumbBlob } from '@/lib/dataset/library-queries';
import { BlobImage } from '@/components/blob-image';
import type { Case } from '@/core/model';

/** A case's thumbnail (its stored thumbnail, or the image itself for small image cases). */
export function CaseThumb({ c, className = '' }: { c: Case; className?: string }) {
  const blob = useCaseThumbBlob(c);
  if (!blob) return <div className={`flex items-center justify-center bg-zinc-800 text-[10px] uppercase text-zinc-500 ${className}`}>{c.kind}</div>;
  return <BlobImage blob={blob} alt={c.name} className={`object-cover ${className}`} />;
}
