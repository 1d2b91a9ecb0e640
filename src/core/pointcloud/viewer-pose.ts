/**
 * Where the interactive 3D view puts its camera: the start pose fitted to the view's shape, the
 * pose that looks along an axis when the user clicks the axis gizmo, and where the gizmo draws
 * each axis for a pose.
 */
import { add, cameraBasis, dot, normalize, scale, sub, type CameraPose, type Vec3 } from './camera';

/**
 * The start pose for a view of this aspect (width / height). The field of view is vertical, so a
 * tall, narrow view sees less sideways than up and down: the camera steps back by the same factor.
 */
export function fitPoseToAspect(pose: CameraPose, aspect: number): CameraPose {
  const k = aspect > 0 && aspect < 1 ? 1 / aspect : 1;
  return { ...pose, eye: add(pose.target, scale(sub(pose.eye, pose.target), k)) };
}

/**
 * The camera on the `axis` side of the target at its current distance, looking at the target.
 * Up stays the user's up unless the camera now looks along it (a top view, say); then up is the
 * way the camera was looking before, so the picture turns the way the user expects.
 */
export function poseAlongAxis(pose: CameraPose, axis: Vec3): CameraPose {
  const dir = normalize(axis);
  const dist = Math.hypot(...sub(pose.eye, pose.target));
  const eye = add(pose.target, scale(dir, dist));
  const up = normalize(pose.up);
  if (Math.abs(dot(up, dir)) < 0.999) return { ...pose, eye, up };
  const look = normalize(sub(pose.target, pose.eye));
  const along = sub(look, scale(dir, dot(look, dir)));
  const fallback: Vec3 = Math.abs(dir[0]) < 0.9 ? [1, 0, 0] : [0, 0, 1];
  return { ...pose, eye, up: Math.hypot(...along) > 1e-6 ? normalize(along) : fallback };
}

/** One end of an axis as the gizmo shows it. */
export interface GizmoHead {
  axis: Vec3;
  /** '+X' … '-Z'. */
  name: string;
  /** Position on screen for a unit axis: x right, y up, both -1..1. */
  x: number;
  y: number;
  /** Towards the viewer: larger is nearer. */
  depth: number;
}

const GIZMO_AXES: { axis: Vec3; name: string }[] = [
  { axis: [1, 0, 0], name: 'X' },
  { axis: [0, 1, 0], name: 'Y' },
  { axis: [0, 0, 1], name: 'Z' },
];

/** The six axis ends as seen from `pose`, farthest first (the order to draw them in). */
export function gizmoHeads(pose: CameraPose): GizmoHead[] {
  const { right, up, back } = cameraBasis(pose);
  return GIZMO_AXES.flatMap(({ axis, name }) =>
    [1, -1].map((sign) => {
      const a = scale(axis, sign) as Vec3;
      return { axis: a, name: `${sign > 0 ? '+' : '-'}${name}`, x: dot(a, right), y: dot(a, up), depth: dot(a, back) };
    }),
  ).sort((p, q) => p.depth - q.depth);
}
