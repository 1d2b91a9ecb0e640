import type { ImgHTMLAttributes } from 'react';
import { useObjectUrl } from '@/components/use-object-url';

/** Shows a Blob as an image through an object URL that is revoked when no longer shown. */
export function BlobImage({ blob, ...rest }: { blob: Blob | undefined } & Omit<ImgHTMLAttributes<HTMLImageElement>, 'src'>) {
  const url = useObjectUrl(blob);
  if (!url) return null;
  return <img src={url} draggable={false} {...rest} />;
}
