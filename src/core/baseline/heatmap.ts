/** Colours a baseline heatmap for drawing over the input image. Pure: returns RGBA bytes. */

/** Ratio to the normal peak at which colour starts and where it saturates. */
export const HEAT_FROM = 0.6;
export const HEAT_TO = 1.8;

/**
 * Transparent below the normal range, then yellow → orange → red with rising opacity, so the
 * part stays readable under the overlay and only what differs is tinted.
 */
export function heatmapRgba(values: Float32Array, from = HEAT_FROM, to = HEAT_TO): Uint8ClampedArray {
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const t = Math.min(1, Math.max(0, (values[i] - from) / (to - from)));
    const o = i * 4;
    out[o] = 255;
    out[o + 1] = Math.round(230 * (1 - t) + 30 * t);
    out[o + 2] = Math.round(60 * (1 - t));
    out[o + 3] = t <= 0 ? 0 : Math.round(60 + 170 * t);
  }
  return out;
}
