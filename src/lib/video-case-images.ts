import type { Case, RenderImage } from '@/core/model';

/** Sampled frames (or a contact sheet) of a video case (filled in by the video module). */
export async function videoCaseImages(c: Case): Promise<RenderImage[]> {
  throw new Error(`Video "${c.name}" cannot be turned into frames yet.`);
}
