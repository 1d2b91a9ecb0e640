/** Mask images to binary grids in the browser (page or worker): no storage, so workers can load it. */
import { binariseMask, type BinaryMask } from '@/core/metrics/masks';

export type MaskDecoder = (blob: Blob, size?: { width: number; height: number }) => Promise<BinaryMask>;

/** Decodes one mask image without colour management, optionally resized (nearest) to `size`. */
export const decodeMaskInBrowser: MaskDecoder = async (blob, size) => {
  const bmp = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const width = size?.width ?? bmp.width;
  const height = size?.height ?? bmp.height;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D canvas is available to read masks');
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(bmp, 0, 0, width, height);
  bmp.close();
  return binariseMask(ctx.getImageData(0, 0, width, height).data, width, height, 4);
};

