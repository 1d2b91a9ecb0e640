/**
 * View maths of the zoom/pan image viewer. A view puts the image's top-left corner at (x, y)
 * in the viewport (px) and draws each image pixel as `scale` screen px.
 */
export interface ZoomView {
  scale: number;
  x: number;
  y: number;
}

export interface Size {
  w: number;
  h: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 32;
/** One +/- step, and one wheel notch (≈100 px of deltaY). */
export const ZOOM_STEP = 1.25;

const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** The whole image centred in the box, never enlarged beyond 8×. */
export function fitView(img: Size, box: Size): ZoomView {
  if (img.w <= 0 || img.h <= 0 || box.w <= 0 || box.h <= 0) return { scale: 1, x: 0, y: 0 };
  const scale = clampScale(Math.min(box.w / img.w, box.h / img.h, 8));
  return { scale, x: (box.w - img.w * scale) / 2, y: (box.h - img.h * scale) / 2 };
}

/** One image pixel per screen pixel, keeping the point at the box centre where it was. */
export function actualSizeView(v: ZoomView, box: Size): ZoomView {
  return zoomAt(v, 1 / v.scale, box.w / 2, box.h / 2);
}

/** Zooms by `factor` keeping the image point under (px, py) in place. */
export function zoomAt(v: ZoomView, factor: number, px: number, py: number): ZoomView {
  const scale = clampScale(v.scale * factor);
  const k = scale / v.scale;
  return { scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k };
}

export function panBy(v: ZoomView, dx: number, dy: number): ZoomView {
  return { ...v, x: v.x + dx, y: v.y + dy };
}

/** Wheel delta (px) to a zoom factor: up zooms in, one notch is one step. */
export function wheelFactor(deltaY: number): number {
  return Math.pow(ZOOM_STEP, -deltaY / 100);
}
