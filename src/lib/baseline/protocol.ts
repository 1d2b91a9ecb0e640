/** Messages between `@/lib/baseline-detector` and `@/workers/baseline.worker`. */

export interface BaselineImage {
  /** Stable cache key: asset id and image index (features are cached per key). */
  key: string;
  blob: Blob;
}

export interface BaselineRequest {
  id: number;
  query: BaselineImage;
  references: BaselineImage[];
  threshold: number;
}

export type BaselineResponse =
  | {
      id: number;
      ok: true;
      score: number;
      peakRatio: number;
      areaFraction: number;
      peak: { x: number; y: number };
      explanation: string;
      heatmap: Blob;
      /** Raw scores behind `heatmap`, over the image. */
      heatmapGrid: { width: number; height: number; data: Float32Array };
    }
  | { id: number; ok: false; message: string };
