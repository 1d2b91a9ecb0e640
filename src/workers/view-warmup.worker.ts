/// <reference lib="webworker" />
/**
 * Compiles the 3D view's shader programs in a throwaway WebGL context, off the page's thread.
 * Software WebGL (SwiftShader) compiles and links synchronously and slowly (about half a second
 * for the view's programs), and the browser keeps linked programs for later contexts, so the
 * view's first frame then finds them instead of holding the page while they are built. The scene
 * mirrors the view: react-three-fiber's renderer settings (tone mapping, output colour space, soft
 * shadow type: all part of three's program keys), the cloud and highlight materials, and
 * the axis gizmo's boxes and labelled sprites (drei's GizmoViewport).
 */
import { ACESFilmicToneMapping, BoxGeometry, BufferAttribute, BufferGeometry, CanvasTexture, Mesh, MeshBasicMaterial, PCFSoftShadowMap, PerspectiveCamera, Points, PointsMaterial, Scene, Sprite, SpriteMaterial, SRGBColorSpace, WebGLRenderer } from 'three';
import { cloudMaterialParams, GIZMO_AXIS_COLORS, HIGHLIGHT_MATERIAL_PARAMS } from '@/lib/pointcloud/view-materials';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function pointGeometry(withColor: boolean): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(new Float32Array(3), 3));
  if (withColor) g.setAttribute('color', new BufferAttribute(new Float32Array(3), 3));
  return g;
}

function warmUp() {
  const renderer = new WebGLRenderer({ canvas: new OffscreenCanvas(64, 64), antialias: false, preserveDrawingBuffer: true });
  try {
    renderer.toneMapping = ACESFilmicToneMapping;
    renderer.outputColorSpace = SRGBColorSpace;
    renderer.shadowMap.type = PCFSoftShadowMap;
    const scene = new Scene();
    scene.add(new Points(pointGeometry(true), new PointsMaterial(cloudMaterialParams(2))));
    scene.add(new Points(pointGeometry(false), new PointsMaterial(HIGHLIGHT_MATERIAL_PARAMS)));
    scene.add(new Mesh(new BoxGeometry(0.8, 0.05, 0.05), new MeshBasicMaterial({ color: GIZMO_AXIS_COLORS[0], toneMapped: false })));
    scene.add(new Sprite(new SpriteMaterial({ map: new CanvasTexture(new OffscreenCanvas(64, 64)), alphaTest: 0.3, toneMapped: false })));
    const camera = new PerspectiveCamera();
    camera.position.set(0, 0, 5);
    // Every material, seen or not; then one frame, which waits for every program to be linked.
    renderer.compile(scene, camera);
    renderer.render(scene, camera);
  } finally {
    renderer.dispose();
    renderer.forceContextLoss();
  }
}

scope.onmessage = () => {
  try {
    warmUp();
  } catch {
    // Nothing depends on it: the view compiles what it needs anyway.
  }
  scope.postMessage('done');
};
