/// <reference lib="webworker" />
/**
 * Image descriptors for reference retrieval, off the main thread: decode, read the pixels at a
 * small size (the descriptor only keeps 16 × 16), and reduce them with the pure core function.
 */
import { toGray } from '@/core/baseline/image-features';
import { imageDescriptor } from '@/core/knowledge/retrieval';
import type { DescriptorReply, DescriptorRequest } from '@/lib/knowledge/descriptor-protocol';

/** Pixels read per image side, px: enough for a 16 px area average, cheap to decode into. */
const READ_SIDE_PX = 64;

async function describe(blob: Blob): Promise<number[]> {
  const bmp = await createImageBitmap(blob, { resizeWidth: READ_SIDE_PX, resizeHeight: READ_SIDE_PX, resizeQuality: 'medium' });
  try {
    const canvas = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bmp, 0, 0);
    return imageDescriptor(toGray(ctx.getImageData(0, 0, bmp.width, bmp.height).data, bmp.width, bmp.height, 4));
  } finally {
    bmp.close();
  }
}

self.onmessage = (e: MessageEvent<DescriptorRequest>) => {
  describe(e.data.blob).then(
    (descriptor) => self.postMessage({ id: e.data.id, descriptor } satisfies DescriptorReply),
    (err: unknown) => self.postMessage({ id: e.data.id, error: err instanceof Error ? err.message : String(err) } satisfies DescriptorReply),
  );
};
