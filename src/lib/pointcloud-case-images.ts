import type { Case, RenderImage } from '@/core/model';

/** Rendered depth views of a point-cloud case (filled in by the point-cloud renderer). */
export async function pointCloudCaseImages(c: Case): Promise<RenderImage[]> {
  throw new Error(`Point cloud "${c.name}" cannot be rendered to images yet.`);
}
