import { describe, expect, it } from 'vitest';
import { fitPoseToAspect, gizmoHeads, poseAlongAxis } from './viewer-pose';
import { dot, normalize, sub, type CameraPose } from './camera';

const pose: CameraPose = { eye: [0, 0, 10], target: [1, 2, 3], up: [0, 1, 0], projection: 'perspective', fovDeg: 40, halfHeight: 2 };

describe('viewer pose', () => {
  it('steps back by the aspect in a tall view and leaves a wide one alone', () => {
    expect(fitPoseToAspect(pose, 1.5)).toEqual(pose);
    const tall = fitPoseToAspect(pose, 0.5);
    expect(tall.target).toEqual(pose.target);
    expect(tall.eye).toEqual([-1, -2, 17]);
  });

  it('looks along the clicked axis from the same distance, keeping up when it can', () => {
    const side = poseAlongAxis(pose, [1, 0, 0]);
    const dist = Math.hypot(...sub(pose.eye, pose.target));
    expect(side.eye[0]).toBeCloseTo(1 + dist);
    expect(side.eye.slice(1)).toEqual([2, 3]);
    expect(side.up).toEqual([0, 1, 0]);
  });

  it('looking down the up axis, up becomes the way the camera looked before', () => {
    const top = poseAlongAxis(pose, [0, 1, 0]);
    expect(Math.abs(dot(top.up, [0, 1, 0]))).toBeLessThan(1e-9);
    // It looked toward -Z (mostly), so -Z is now up on the screen.
    const look = normalize(sub(pose.target, pose.eye));
    expect(dot(top.up, look)).toBeGreaterThan(0.9);
    // Looking straight along the axis it snaps to, up is still a valid one.
    const straight = poseAlongAxis({ ...pose, eye: [1, 12, 3] }, [0, 1, 0]);
    expect(Math.abs(dot(straight.up, [0, 1, 0]))).toBeLessThan(1e-9);
  });

  it('places the gizmo heads as the camera sees the axes, farthest first', () => {
    // Looking down -Z with +Y up: +X to the right, +Y up, +Z towards the viewer.
    const heads = gizmoHeads({ ...pose, eye: [0, 0, 5], target: [0, 0, 0] });
    const at = (n: string) => heads.find((h) => h.name === n)!;
    expect([at('+X').x, at('+X').y]).toEqual([1, 0]);
    expect([at('+Y').x, at('+Y').y]).toEqual([0, 1]);
    expect(at('+Z').depth).toBe(1);
    expect(heads[0].name).toBe('-Z');
    expect(heads[heads.length - 1].name).toBe('+Z');
    // Seen from +X: +Z is on the left, and -X is the farthest.
    const side = gizmoHeads({ ...pose, eye: [5, 0, 0], target: [0, 0, 0] });
    expect(side.find((h) => h.name === '+Z')!.x).toBeCloseTo(-1);
    expect(side[0].name).toBe('-X');
  });
});
