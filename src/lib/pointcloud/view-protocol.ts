/**
 * Messages between the 3D view on the page (`features/pointcloud/point-cloud-canvas.tsx`) and the
 * worker that draws it (`workers/point-view.worker.ts`). The page forwards pointer and wheel input;
 * the worker owns the camera and reports every pose it takes.
 */
import type { CameraPose, Vec3 } from '@/core/pointcloud/camera';

/** What the camera controls read from an input event (the page's event, minus the DOM). */
export interface ForwardedInput {
  type: 'pointerdown' | 'pointermove' | 'pointerup' | 'pointercancel' | 'wheel';
  pointerId: number;
  pointerType: string;
  button: number;
  buttons: number;
  /** Position in CSS px from the view's top-left corner. */
  x: number;
  y: number;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  deltaY: number;
  deltaMode: number;
}

/** The view's size in CSS px and the drawing buffer's pixels per CSS px. */
export interface ViewSize {
  width: number;
  height: number;
  pixelRatio: number;
}

export type ViewRequest =
  | { op: 'init'; canvas: OffscreenCanvas; size: ViewSize }
  | { op: 'size'; size: ViewSize }
  /** A new cloud (positions re-centred, colours linear RGB floats), drawn from its start pose. */
  | { op: 'cloud'; positions: Float32Array; colors: Float32Array; startPose: CameraPose; radius: number }
  | { op: 'colors'; colors: Float32Array }
  | { op: 'pointSize'; px: number }
  /** Display points to mark, or none. */
  | { op: 'highlight'; indices: Uint32Array | null }
  /** Back to the start pose. */
  | { op: 'reset' }
  /** Look along an axis (a click on the gizmo). */
  | { op: 'lookAlong'; axis: Vec3 }
  | { op: 'input'; input: ForwardedInput };

export type ViewReply =
  /** The camera after a change, as a pose the renderer for the model understands. */
  | { op: 'pose'; pose: CameraPose }
  /** A frame showing the current cloud (`points` of them) reached the screen for the first time. */
  | { op: 'drawn'; points: number }
  /** The view cannot draw (no WebGL in a worker, a lost context): a sentence for the user. */
  | { op: 'failed'; message: string };
