/**
 * The interactive 3D view, drawn by three.js on an OffscreenCanvas in a worker: the cloud, the
 * points a model marked, an axis gizmo (click a head to look along that axis) and orbit, pan and
 * zoom from the page's forwarded input. Drawing never holds the page: with software WebGL a frame
 * of many points, and the browser's wait for it, takes this worker's time instead. Draws only
 * when something changed.
 */
import { BoxGeometry, BufferAttribute, BufferGeometry, CanvasTexture, Mesh, MeshBasicMaterial, Object3D, OrthographicCamera, PerspectiveCamera, Points, PointsMaterial, Scene, Sprite, SpriteMaterial, Vector3, WebGLRenderer } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { CameraPose, Vec3 } from '@/core/pointcloud/camera';
import { fitPoseToAspect, poseAlongAxis } from '@/core/pointcloud/viewer-pose';
import { cloudMaterialParams, GIZMO_AXIS_COLORS, GIZMO_LABEL_COLOR, HIGHLIGHT_MATERIAL_PARAMS } from '@/lib/pointcloud/view-materials';
import { InputSurface } from '@/lib/pointcloud/input-surface';
import type { ForwardedInput, ViewSize } from '@/lib/pointcloud/view-protocol';

/** The gizmo's square in CSS px, and how far its centre sits from the right and bottom edges. */
const GIZMO_PX = 96;
const GIZMO_INSET_PX = 56;
/** A press that moves less than this (CSS px) before it is let go is a click. */
const CLICK_SLOP_PX = 4;
const AXES: { dir: Vec3; label: string; color: string }[] = [
  { dir: [1, 0, 0], label: 'X', color: GIZMO_AXIS_COLORS[0] },
  { dir: [0, 1, 0], label: 'Y', color: GIZMO_AXIS_COLORS[1] },
  { dir: [0, 0, 1], label: 'Z', color: GIZMO_AXIS_COLORS[2] },
];

type Frame = (cb: () => void) => void;

export class PointView {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera();
  private readonly surface = new InputSurface();
  private controls: OrbitControls;
  private cloud?: Points<BufferGeometry, PointsMaterial>;
  private highlight?: Points<BufferGeometry, PointsMaterial>;
  private readonly gizmo = new AxisGizmo();
  private size: ViewSize;
  private start?: { pose: CameraPose; radius: number };
  private pointSize = 2;
  private scheduled = false;
  private press?: { id: number; x: number; y: number; onGizmo: boolean };
  /** Until the user moves the camera, the start pose follows the view's shape as the layout settles. */
  private atStart = false;
  /** The cloud whose first frame is still to be reported. */
  private undrawn?: Points;

  constructor(
    canvas: OffscreenCanvas,
    size: ViewSize,
    private readonly onPose: (pose: CameraPose) => void,
    private readonly nextFrame: Frame,
    private readonly onDrawn: (points: number) => void,
  ) {
    this.renderer = new WebGLRenderer({ canvas, antialias: false });
    this.renderer.setClearColor('#09090b');
    this.renderer.autoClear = false;
    this.size = size;
    this.applySize();
    this.controls = this.makeControls();
  }

  setSize(size: ViewSize) {
    this.size = size;
    this.applySize();
    if (this.atStart) this.reset();
    this.redraw();
  }

  setCloud(positions: Float32Array, colors: Float32Array, startPose: CameraPose, radius: number) {
    if (this.cloud) {
      this.scene.remove(this.cloud);
      this.cloud.geometry.dispose();
      this.cloud.material.dispose();
    }
    this.setHighlight(null);
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(positions, 3));
    g.setAttribute('color', new BufferAttribute(colors, 3));
    g.computeBoundingSphere();
    this.cloud = new Points(g, new PointsMaterial(cloudMaterialParams(this.pointSize)));
    this.scene.add(this.cloud);
    this.undrawn = this.cloud;
    this.start = { pose: startPose, radius };
    this.camera.near = radius / 500;
    this.camera.far = radius * 200;
    this.reset();
  }

  setColors(colors: Float32Array) {
    const attr = this.cloud?.geometry.getAttribute('color') as BufferAttribute | undefined;
    if (!attr || attr.array.length !== colors.length) return;
    (attr.array as Float32Array).set(colors);
    attr.needsUpdate = true;
    this.redraw();
  }

  setPointSize(px: number) {
    this.pointSize = px;
    if (this.cloud) this.cloud.material.size = px;
    this.redraw();
  }

  setHighlight(indices: Uint32Array | null) {
    if (this.highlight) {
      this.scene.remove(this.highlight);
      this.highlight.geometry.dispose();
      this.highlight.material.dispose();
      this.highlight = undefined;
    }
    const pos = this.cloud?.geometry.getAttribute('position')?.array as Float32Array | undefined;
    if (indices && indices.length > 0 && pos) {
      const p = new Float32Array(indices.length * 3);
      indices.forEach((i, k) => p.set(pos.subarray(i * 3, i * 3 + 3), k * 3));
      const g = new BufferGeometry();
      g.setAttribute('position', new BufferAttribute(p, 3));
      this.highlight = new Points(g, new PointsMaterial(HIGHLIGHT_MATERIAL_PARAMS));
      this.highlight.renderOrder = 1;
      this.scene.add(this.highlight);
    }
    this.redraw();
  }

  /** The start pose, fitted to the view's shape. */
  reset() {
    if (!this.start) return;
    this.applyPose(fitPoseToAspect(this.start.pose, this.size.width / Math.max(1, this.size.height)));
    this.atStart = true;
  }

  input(e: ForwardedInput) {
    if (e.type === 'pointerdown' || e.type === 'wheel') this.atStart = false;
    if (e.type === 'pointerdown') {
      this.press = { id: e.pointerId, x: e.x, y: e.y, onGizmo: this.gizmoAt(e.x, e.y) };
      // A press on the gizmo is a click on an axis, not the start of a drag.
      if (this.press.onGizmo) return;
    }
    const press = this.press?.id === e.pointerId ? this.press : undefined;
    if ((e.type === 'pointerup' || e.type === 'pointercancel') && press) {
      this.press = undefined;
      if (press.onGizmo) {
        const still = Math.hypot(e.x - press.x, e.y - press.y) < CLICK_SLOP_PX;
        const axis = still && e.type === 'pointerup' ? this.gizmo.axisAt(this.gizmoLocal(e.x, e.y), this.camera) : undefined;
        if (axis) this.applyPose(poseAlongAxis(this.pose(), axis));
        return;
      }
    }
    if (press?.onGizmo) return;
    this.surface.dispatch(e);
  }

  dispose() {
    this.controls.dispose();
    this.cloud?.geometry.dispose();
    this.highlight?.geometry.dispose();
    this.gizmo.dispose();
    this.renderer.dispose();
  }

  private makeControls(): OrbitControls {
    // The controls fix their orbit axis from the camera's up when made: a new up needs new controls.
    const controls = new OrbitControls(this.camera, this.surface as unknown as HTMLElement);
    controls.enableDamping = false;
    controls.addEventListener('change', () => {
      this.onPose(this.pose());
      this.redraw();
    });
    return controls;
  }

  private applyPose(pose: CameraPose) {
    const upChanged = !this.camera.up.equals(new Vector3(...pose.up));
    this.camera.up.set(...pose.up);
    this.camera.position.set(...pose.eye);
    this.camera.fov = pose.fovDeg;
    this.camera.updateProjectionMatrix();
    this.camera.lookAt(...pose.target);
    if (upChanged) {
      this.controls.dispose();
      this.controls = this.makeControls();
    }
    this.controls.target.set(...pose.target);
    this.controls.update();
    this.onPose(this.pose());
    this.redraw();
  }

  private pose(): CameraPose {
    const c = this.camera;
    const t = this.controls.target;
    return { eye: [c.position.x, c.position.y, c.position.z], target: [t.x, t.y, t.z], up: [c.up.x, c.up.y, c.up.z], projection: 'perspective', fovDeg: c.fov, halfHeight: this.start?.radius ?? 1 };
  }

  private applySize() {
    const { width, height, pixelRatio } = this.size;
    this.renderer.setPixelRatio(pixelRatio);
    this.renderer.setSize(Math.max(1, width), Math.max(1, height), false);
    this.surface.clientWidth = Math.max(1, width);
    this.surface.clientHeight = Math.max(1, height);
    this.camera.aspect = Math.max(1, width) / Math.max(1, height);
    this.camera.updateProjectionMatrix();
  }

  /** The gizmo's square: left and top in CSS px from the view's corner. */
  private gizmoRect() {
    return { left: this.size.width - GIZMO_INSET_PX - GIZMO_PX / 2, top: this.size.height - GIZMO_INSET_PX - GIZMO_PX / 2 };
  }

  private gizmoAt(x: number, y: number): boolean {
    const r = this.gizmoRect();
    return x >= r.left && x <= r.left + GIZMO_PX && y >= r.top && y <= r.top + GIZMO_PX;
  }

  /** A point in the gizmo's square as -1..1 both ways, y up. */
  private gizmoLocal(x: number, y: number): [number, number] {
    const r = this.gizmoRect();
    return [((x - r.left) / GIZMO_PX) * 2 - 1, 1 - ((y - r.top) / GIZMO_PX) * 2];
  }

  private redraw() {
    if (this.scheduled) return;
    this.scheduled = true;
    this.nextFrame(() => {
      this.scheduled = false;
      this.draw();
    });
  }

  private draw() {
    const r = this.renderer;
    const { width, height } = this.size;
    r.setViewport(0, 0, width, height);
    r.clear();
    r.render(this.scene, this.camera);
    const g = this.gizmoRect();
    r.clearDepth();
    r.setViewport(g.left, height - g.top - GIZMO_PX, GIZMO_PX, GIZMO_PX);
    this.gizmo.render(r, this.camera);
    if (this.undrawn && this.undrawn === this.cloud) this.onDrawn(this.cloud.geometry.getAttribute('position').count);
    this.undrawn = undefined;
  }
}

/**
 * Three coloured axes with labelled heads, turned as the camera is turned. Drawn in a corner with
 * its own orthographic camera; a head under a click gives the axis to look along.
 */
class AxisGizmo {
  private readonly scene = new Scene();
  private readonly root = new Object3D();
  private readonly camera = new OrthographicCamera(-1.3, 1.3, 1.3, -1.3, 0.1, 10);
  private readonly heads: { sprite: Sprite; dir: Vec3 }[] = [];
  private readonly disposables: { dispose(): void }[] = [];

  constructor() {
    this.camera.position.set(0, 0, 5);
    this.scene.add(this.root);
    for (const a of AXES) {
      const bar = new BoxGeometry(0.8, 0.05, 0.05).translate(0.4, 0, 0);
      const mat = new MeshBasicMaterial({ color: a.color, toneMapped: false });
      const mesh = new Mesh(bar, mat);
      if (a.dir[1]) mesh.rotation.z = Math.PI / 2;
      if (a.dir[2]) mesh.rotation.y = -Math.PI / 2;
      this.root.add(mesh);
      this.disposables.push(bar, mat);
      for (const sign of [1, -1]) {
        const tex = new CanvasTexture(headImage(a.color, sign > 0 ? a.label : ''));
        const sm = new SpriteMaterial({ map: tex, toneMapped: false, depthTest: true, transparent: true, opacity: sign > 0 ? 1 : 0.55 });
        const sprite = new Sprite(sm);
        const dir: Vec3 = [a.dir[0] * sign, a.dir[1] * sign, a.dir[2] * sign];
        sprite.position.set(...dir);
        sprite.scale.setScalar(sign > 0 ? 0.42 : 0.3);
        this.root.add(sprite);
        this.heads.push({ sprite, dir });
        this.disposables.push(tex, sm);
      }
    }
  }

  render(renderer: WebGLRenderer, view: PerspectiveCamera) {
    this.root.quaternion.copy(view.quaternion).invert();
    renderer.render(this.scene, this.camera);
  }

  /** The axis of the head nearest a point of the gizmo's square (-1..1), the front one if two overlap. */
  axisAt([x, y]: [number, number], view: PerspectiveCamera): Vec3 | undefined {
    this.root.quaternion.copy(view.quaternion).invert();
    this.root.updateMatrixWorld(true);
    let best: { dir: Vec3; z: number } | undefined;
    for (const h of this.heads) {
      const p = h.sprite.getWorldPosition(new Vector3()).project(this.camera);
      const reach = h.sprite.scale.x / 1.3;
      if (Math.hypot(p.x - x, p.y - y) > reach) continue;
      // Projected z is smaller nearer the camera.
      if (!best || p.z < best.z) best = { dir: h.dir, z: p.z };
    }
    return best?.dir;
  }

  dispose() {
    for (const d of this.disposables) d.dispose();
  }
}

/** A round head in the axis colour, with its letter for the positive end. */
function headImage(color: string, label: string): OffscreenCanvas {
  const c = new OffscreenCanvas(64, 64);
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.arc(32, 32, 30, 0, Math.PI * 2);
  ctx.fill();
  if (label) {
    ctx.fillStyle = GIZMO_LABEL_COLOR;
    ctx.font = 'bold 34px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, 32, 34);
  }
  return c;
}
