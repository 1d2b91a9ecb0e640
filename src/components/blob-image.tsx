import { useEffect, useState, type ImgHTMLAttributes } from 'react';

/** Shows a Blob as an image through an object URL that is revoked when no longer shown. */
export function BlobImage({ blob, ...rest }: { blob: Blob | undefined } & Omit<ImgHTMLAttributes<HTMLImageElement>, 'src'>) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) {
      setUrl(undefined);
      return;
    }
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  if (!url) return null;
  return <img src={url} draggable={false} {...rest} />;
}
