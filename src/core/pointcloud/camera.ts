/**
 * One camera model for the 3D viewer and the CPU renderer, so a view captured in the viewer
 * renders exactly what the user saw. Conventions follow three.js: the camera looks along its
 * local -Z with +Y up; `fovDeg` is the vertical field of view. Coordinates are the cloud's
 * re-centred ones (file coordinate minus `PointCloud.offset`).
 */
export type Vec3 = [number, number, number];

export interface CameraPose {
  eye: Vec3;
  target: Vec3;
  up: Vec3;
  projection: 'perspective' | 'orthographic';
  /** Vertical field of view (perspective), degrees. */
  fovDeg: number;
  /** Half the visible height at the target (orthographic), in cloud units. */
  halfHeight: number;
}

export interface NamedPose {
  label: string;
  pose: CameraPose;
}

/** The axis the canonical view looks from, e.g. '+Z' = camera on the +Z side looking toward -Z. */
export type AxisDir = '+X' | '-X' | '+Y' | '-Y' | '+Z' | '-Z';

export type ViewSet =
  | { kind: 'faces6' }
  | { kind: 'tilted9'; tiltDeg: number }
  | { kind: 'cpmf27'; stepDeg: number }
  | { kind: 'ring'; n: number; elevationDeg: number }
  | { kind: 'captured'; views: NamedPose[] };

export const DEFAULT_FOV_DEG = 40;

export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
export const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
export function normalize(a: Vec3): Vec3 {
  const l = Math.hypot(a[0], a[1], a[2]);
  return l > 0 ? [a[0] / l, a[1] / l, a[2] / l] : [0, 0, 1];
}

/** Rotation of v about a unit axis by an angle (Rodrigues). */
export function rotate(v: Vec3, axis: Vec3, deg: number): Vec3 {
  const t = (deg * Math.PI) / 180;
  const c = Math.cos(t), s = Math.sin(t);
  const k = normalize(axis);
  const kxv = cross(k, v);
  const kv = dot(k, v);
  return [v[0] * c + kxv[0] * s + k[0] * kv * (1 - c), v[1] * c + kxv[1] * s + k[1] * kv * (1 - c), v[2] * c + kxv[2] * s + k[2] * kv * (1 - c)];
}

/** Camera basis: right, up, back (camera looks along -back), as in three.js `lookAt`. */
export function cameraBasis(pose: CameraPose): { right: Vec3; up: Vec3; back: Vec3 } {
  const back = normalize(sub(pose.eye, pose.target));
  let right = cross(pose.up, back);
  if (Math.hypot(...right) < 1e-9) right = cross(Math.abs(back[1]) < 0.9 ? [0, 1, 0] : [1, 0, 0], back);
  right = normalize(right);
  return { right, up: cross(back, right), back };
}

const AXES: Record<AxisDir, Vec3> = { '+X': [1, 0, 0], '-X': [-1, 0, 0], '+Y': [0, 1, 0], '-Y': [0, -1, 0], '+Z': [0, 0, 1], '-Z': [0, 0, -1] };

/**
 * Screen-up for a canonical view from `front`. From -Z it is -Y: the camera sits where a depth
 * sensor sits in PCL/ROS optical frames (x right, y down, looking along +z), so the view is the
 * sensor's image; from +Z (a part lying on a table, z up) it is +Y; from the sides it is +Z.
 */
export function upFor(front: AxisDir): Vec3 {
  if (front === '-Z') return [0, -1, 0];
  if (front === '+Z') return [0, 1, 0];
  return [0, 0, 1];
}

export function axisVector(a: AxisDir): Vec3 {
  return AXES[a];
}

/** A pose looking at `target` from direction `dir`, far enough that a sphere of `radius` fits. */
export function poseFromDirection(dir: Vec3, up: Vec3, radius: number, opts: { target?: Vec3; projection?: CameraPose['projection']; fovDeg?: number; margin?: number } = {}): CameraPose {
  const fovDeg = opts.fovDeg ?? DEFAULT_FOV_DEG;
  const r = Math.max(radius, 1e-9) * (opts.margin ?? 1.05);
  const dist = r / Math.sin((fovDeg * Math.PI) / 360);
  const target = opts.target ?? [0, 0, 0];
  return { eye: add(target, scale(normalize(dir), dist)), target, up, projection: opts.projection ?? 'orthographic', fovDeg, halfHeight: r };
}

const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v)}°`;

/** The camera poses of a view set, with short labels ("+X", "yaw +30°, pitch −30°" …). */
export function viewSetPoses(set: ViewSet, radius: number, front: AxisDir = '+Z', projection: CameraPose['projection'] = 'orthographic'): NamedPose[] {
  const pose = (dir: Vec3, up: Vec3) => poseFromDirection(dir, up, radius, { projection });
  const f = AXES[front];
  const up0 = upFor(front);
  switch (set.kind) {
    case 'faces6':
      return (Object.keys(AXES) as AxisDir[]).map((a) => ({ label: a, pose: pose(AXES[a], a === '+Z' || a === '-Z' ? upFor(a) : [0, 0, 1]) }));
    case 'tilted9':
    case 'cpmf27': {
      // Rotations of the camera about the canonical view's own axes (yaw about screen-up,
      // pitch about screen-right, roll about the view direction).
      const right = normalize(cross(up0, f));
      const step = set.kind === 'tilted9' ? set.tiltDeg : set.stepDeg;
      const steps = [0, -step, step];
      const out: NamedPose[] = [];
      const rolls = set.kind === 'cpmf27' ? steps : [0];
      for (const pitch of steps)
        for (const yaw of steps)
          for (const roll of rolls) {
            let dir = rotate(f, up0, yaw);
            let up = up0;
            dir = rotate(dir, right, pitch);
            up = rotate(up, right, pitch);
            up = rotate(up, dir, roll);
            const parts = [yaw && `yaw ${signed(yaw)}`, pitch && `pitch ${signed(pitch)}`, roll && `roll ${signed(roll)}`].filter(Boolean);
            out.push({ label: parts.length ? `${front} ${parts.join(', ')}` : `${front} front`, pose: pose(dir, up) });
          }
      return out;
    }
    case 'ring': {
      const right = normalize(cross(up0, f));
      const n = Math.max(1, Math.min(64, Math.round(set.n)));
      const out: NamedPose[] = [];
      for (let k = 0; k < n; k++) {
        const az = Math.round((360 * k) / n);
        const tilted = rotate(f, right, -set.elevationDeg);
        out.push({ label: `ring ${az}°`, pose: pose(rotate(tilted, up0, az), up0) });
      }
      return out;
    }
    case 'captured':
      return set.views;
  }
}

/** World → camera transform as a row-major 3×4 matrix [r; u; b | -R·eye]. */
export function worldToCamera(pose: CameraPose): Float64Array {
  const { right, up, back } = cameraBasis(pose);
  const e = pose.eye;
  return Float64Array.of(right[0], right[1], right[2], -dot(right, e), up[0], up[1], up[2], -dot(up, e), back[0], back[1], back[2], -dot(back, e));
}

/**
 * Pixel coordinates of a camera-space point in a square image of `size` px, or undefined when
 * it lies behind the camera. Returns [px, py, depth]; depth is the distance along the view.
 */
export function projectToPixel(pose: CameraPose, size: number, cam: Vec3): Vec3 | undefined {
  const d = -cam[2];
  if (d <= 0) return undefined;
  const half = pose.projection === 'orthographic' ? pose.halfHeight : d * Math.tan((pose.fovDeg * Math.PI) / 360);
  return [((cam[0] / half + 1) / 2) * size, ((1 - cam[1] / half) / 2) * size, d];
}

/** Bounding-sphere radius of a re-centred cloud from its bbox in file coordinates. */
export function bboxRadius(bbox: { min: Vec3; max: Vec3 }): number {
  return Math.max(1e-9, Math.hypot(bbox.max[0] - bbox.min[0], bbox.max[1] - bbox.min[1], bbox.max[2] - bbox.min[2]) / 2);
}

/** The pose the viewer starts from and returns to on "reset": the canonical view, a little tilted. */
export function defaultViewerPose(radius: number, front: AxisDir = '+Z'): CameraPose {
  const f = AXES[front];
  const up = upFor(front);
  const right = normalize(cross(up, f));
  const dir = rotate(rotate(f, up, 25), right, -20);
  return poseFromDirection(dir, up, radius, { projection: 'perspective', margin: 0.9 });
}
