/**
 * The interactive 3D view, drawn by three.js on an OffscreenCanvas in a worker: the cloud, the
 * points a model marked, and orbit, pan and zoom from the page's forwarded input (the page draws
 * the axis gizmo from the poses reported here). Drawing never holds the page: with software WebGL
 * a frame of many points, and the browser's wait for it, takes this worker's time instead. Draws
 * only when something changed; a new cloud appears over a few frames (see `REVEAL_STEPS`).
 */
import { BufferAttribute, BufferGeometry, PerspectiveCamera, Points, PointsMaterial, Scene, Vector3, WebGLRenderer } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { CameraPose, Vec3 } from '@/core/pointcloud/camera';
import { fitPoseToAspect, poseAlongAxis } from '@/core/pointcloud/viewer-pose';
import { cloudMaterialParams, HIGHLIGHT_MATERIAL_PARAMS } from '@/lib/pointcloud/view-materials';
import { InputSurface } from '@/lib/pointcloud/input-surface';
import type { ForwardedInput, ViewSize } from '@/lib/pointcloud/view-protocol';

/**
 * A new cloud's first frame only builds its program and uploads it; the next ones draw a third,
 * two thirds, then all of it. With software WebGL the browser's GPU process does each of these
 * for a good part of 100 ms, and the page's own frames wait for it: in steps, they keep coming.
 */
const REVEAL_STEPS = 3;

type Frame = (cb: () => void) => void;

export class PointView {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera();
  private readonly surface = new InputSurface();
  private controls: OrbitControls;
  private cloud?: Points<BufferGeometry, PointsMaterial>;
  private highlight?: Points<BufferGeometry, PointsMaterial>;
  private size: ViewSize;
  private start?: { pose: CameraPose; radius: number };
  private pointSize = 2;
  private scheduled = false;
  /** Steps of the current cloud's reveal still to draw (0: all shown). */
  private revealLeft = 0;
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
    g.setDrawRange(0, 0);
    this.revealLeft = REVEAL_STEPS;
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
    this.surface.dispatch(e);
  }

  /** The camera on the `axis` side of what it looks at (a click on the gizmo). */
  lookAlong(axis: Vec3) {
    this.atStart = false;
    this.applyPose(poseAlongAxis(this.pose(), axis));
  }

  dispose() {
    this.controls.dispose();
    this.cloud?.geometry.dispose();
    this.highlight?.geometry.dispose();
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

  private redraw() {
    if (this.scheduled) return;
    this.scheduled = true;
    this.nextFrame(() => {
      this.scheduled = false;
      this.draw();
    });
  }

  private draw() {
    this.renderer.render(this.scene, this.camera);
    const cloud = this.cloud;
    if (!cloud) return;
    if (this.revealLeft > 0) {
      const n = cloud.geometry.getAttribute('position').count;
      this.revealLeft--;
      cloud.geometry.setDrawRange(0, Math.ceil((n * (REVEAL_STEPS - this.revealLeft)) / REVEAL_STEPS));
      this.redraw();
      return;
    }
    if (this.undrawn === cloud) this.onDrawn(cloud.geometry.getAttribute('position').count);
    this.undrawn = undefined;
  }
}
