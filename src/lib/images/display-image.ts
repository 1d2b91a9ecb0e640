/**
 * Turns a stored image into one an <img> can show. Browsers draw PNG, JPEG, WebP, BMP and GIF
 * themselves; TIFF is decoded here (first page, 8-bit) and re-encoded as PNG.
 */
const NATIVE = new Set(['png', 'jpeg', 'webp', 'bmp', 'gif']);

export function needsConversion(format: string | undefined): boolean {
  return !!format && !NATIVE.has(format);
}

/** A blob the browser can draw; throws an Error whose message is a sentence naming `name`. */
export async function displayableImage(blob: Blob, format: string | undefined, name: string): Promise<Blob> {
  if (!needsConversion(format)) return blob;
  if (format !== 'tiff') throw new Error(`"${name}" is stored as ${format?.toUpperCase()}, which this view cannot draw.`);
  const { decodeTiffToRgba } = await import('@/lib/images/tiff');
  let img;
  try {
    img = decodeTiffToRgba(new Uint8Array(await blob.arrayBuffer()));
  } catch (err) {
    throw new Error(`"${name}" cannot be shown: ${(err as Error).message}.`, { cause: err });
  }
  const canvas = new OffscreenCanvas(img.width, img.height);
  canvas.getContext('2d')!.putImageData(new ImageData(img.data as Uint8ClampedArray<ArrayBuffer>, img.width, img.height), 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}
