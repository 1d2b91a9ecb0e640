/**
 * Where the interactive 3D view puts its camera: the start pose fitted to the view's shape, and
 * the pose that looks along an axis when the user clicks the axis gizmo.
 */
import { add, dot, normalize, scale, sub, type CameraPose, type Vec3 } from './camera';

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
