import { useEffect, useMemo, useRef, useState } from 'react';
import { Canvas, useThree } from '@react-three/fiber';
import { GizmoHelper, GizmoViewport, OrbitControls } from '@react-three/drei';
import { BufferAttribute, BufferGeometry, type PerspectiveCamera } from 'three';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import { DEFAULT_FOV_DEG, type CameraPose } from '@/core/pointcloud/camera';
import { cloudMaterialParams, GIZMO_AXIS_COLORS, GIZMO_LABEL_COLOR, HIGHLIGHT_MATERIAL_PARAMS } from '@/lib/pointcloud/view-materials';

/** What the panel around the canvas can ask of the 3D view. */
export interface CanvasControls {
  /** The current camera as a renderer pose (perspective, as seen). */
  capture: () => CameraPose | undefined;
  /** Back to the start pose. */
  reset: () => void;
}

interface Props {
  positions: Float32Array;
  /** Linear RGB floats per point. */
  colors: Float32Array;
  pointSizePx: number;
  startPose: CameraPose;
  radius: number;
  /** Display-point indices to mark (a region a model pointed at). */
  highlight?: Uint32Array;
  controlsRef: React.RefObject<CanvasControls | null>;
}

/** Points per GPU upload: a few MB each, so opening millions of points never blocks a frame for long. */
const SLICE_POINTS = 262_144;

function PointSlice({ positions, colors, size }: { positions: Float32Array; colors: Float32Array; size: number }) {
  const geometry = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(positions, 3));
    g.computeBoundingSphere();
    return g;
  }, [positions]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    geometry.setAttribute('color', new BufferAttribute(colors, 3));
    invalidate();
  }, [geometry, colors, invalidate]);
  return (
    <points geometry={geometry}>
      <pointsMaterial {...cloudMaterialParams(size)} />
    </points>
  );
}

/** The cloud as slices that join the scene one per animation frame (each slice is one upload). */
function Points({ positions, colors, size }: { positions: Float32Array; colors: Float32Array; size: number }) {
  const slices = Math.max(1, Math.ceil(positions.length / 3 / SLICE_POINTS));
  const [shown, setShown] = useState({ positions, count: 1 });
  // A new cloud starts again from its first slice.
  const count = shown.positions === positions ? shown.count : 1;
  useEffect(() => {
    if (count >= slices) return;
    const id = requestAnimationFrame(() => setShown({ positions, count: count + 1 }));
    return () => cancelAnimationFrame(id);
  }, [positions, count, slices]);
  // Views made once per cloud (and per colouring), so a slice's geometry is built and uploaded once.
  const bounds = useMemo(() => Array.from({ length: slices }, (_, k) => [k * SLICE_POINTS * 3, Math.min(positions.length, (k + 1) * SLICE_POINTS * 3)] as const), [positions.length, slices]);
  const posParts = useMemo(() => bounds.map(([a, b]) => positions.subarray(a, b)), [positions, bounds]);
  const colParts = useMemo(() => bounds.map(([a, b]) => colors.subarray(a, b)), [colors, bounds]);
  return (
    <>
      {posParts.slice(0, count).map((p, k) => (
        <PointSlice key={k} positions={p} colors={colParts[k]} size={size} />
      ))}
    </>
  );
}

function Highlight({ positions, indices }: { positions: Float32Array; indices: Uint32Array }) {
  const geometry = useMemo(() => {
    const p = new Float32Array(indices.length * 3);
    indices.forEach((i, k) => p.set(positions.subarray(i * 3, i * 3 + 3), k * 3));
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(p, 3));
    return g;
  }, [positions, indices]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return (
    <points geometry={geometry} renderOrder={1}>
      <pointsMaterial {...HIGHLIGHT_MATERIAL_PARAMS} />
    </points>
  );
}

/** Puts the camera at a pose and lets the panel capture or reset it. */
function Rig({ startPose, radius, controlsRef }: { startPose: CameraPose; radius: number; controlsRef: Props['controlsRef'] }) {
  // The camera is read from the store inside callbacks: three.js objects are mutated in place.
  const get = useThree((s) => s.get);
  const invalidate = useThree((s) => s.invalidate);
  const orbit = useRef<OrbitControlsImpl>(null);
  useEffect(() => {
    const apply = () => {
      const { camera: cam, size } = get();
      const camera = cam as PerspectiveCamera;
      // A tall, narrow canvas sees less sideways than up and down: step back so the cloud fits.
      const aspect = size.width / Math.max(1, size.height);
      const k = aspect < 1 ? 1 / aspect : 1;
      const t = startPose.target, e = startPose.eye;
      camera.up.set(...startPose.up);
      camera.position.set(t[0] + (e[0] - t[0]) * k, t[1] + (e[1] - t[1]) * k, t[2] + (e[2] - t[2]) * k);
      camera.fov = startPose.fovDeg;
      camera.near = radius / 500;
      camera.far = radius * 200;
      camera.updateProjectionMatrix();
      camera.lookAt(...startPose.target);
      const o = orbit.current;
      if (o) {
        o.target.set(...startPose.target);
        o.update();
      }
      invalidate();
    };
    apply();
    controlsRef.current = {
      reset: apply,
      capture: () => {
        const camera = get().camera as PerspectiveCamera;
        const o = orbit.current;
        const t = o ? o.target : { x: startPose.target[0], y: startPose.target[1], z: startPose.target[2] };
        return {
          eye: [camera.position.x, camera.position.y, camera.position.z],
          target: [t.x, t.y, t.z],
          up: [camera.up.x, camera.up.y, camera.up.z],
          projection: 'perspective',
          fovDeg: camera.fov,
          halfHeight: radius,
        };
      },
    };
  }, [get, startPose, radius, controlsRef, invalidate]);
  return <OrbitControls ref={orbit} makeDefault enableDamping={false} />;
}

/** The 3D view: points, orbit/pan/zoom, an axis gizmo. Draws only when something changes. */
export function PointCloudCanvas({ positions, colors, pointSizePx, startPose, radius, highlight, controlsRef }: Props) {
  return (
    <Canvas
      data-testid="pointcloud-canvas"
      frameloop="demand"
      dpr={[1, 2]}
      gl={{ antialias: false, preserveDrawingBuffer: true }}
      camera={{ fov: DEFAULT_FOV_DEG, position: startPose.eye, up: startPose.up, near: radius / 500, far: radius * 200 }}
      style={{ background: '#09090b' }}
    >
      <Points positions={positions} colors={colors} size={pointSizePx} />
      {highlight && highlight.length > 0 && <Highlight positions={positions} indices={highlight} />}
      <Rig startPose={startPose} radius={radius} controlsRef={controlsRef} />
      <GizmoHelper alignment="bottom-right" margin={[56, 56]}>
        <GizmoViewport axisColors={GIZMO_AXIS_COLORS} labelColor={GIZMO_LABEL_COLOR} />
      </GizmoHelper>
    </Canvas>
  );
}
