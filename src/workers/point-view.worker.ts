/// <reference lib="webworker" />
/**
 * Draws the 3D view on the canvas the page handed over (see `lib/pointcloud/point-view-scene`).
 * Input, cloud and settings arrive as messages; the camera's pose goes back after every change.
 */
import { PointView } from '@/lib/pointcloud/point-view-scene';
import type { ViewReply, ViewRequest } from '@/lib/pointcloud/view-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let view: PointView | undefined;

const reply = (m: ViewReply) => scope.postMessage(m);
const fail = (message: string) => reply({ op: 'failed', message });
const nextFrame = (cb: () => void) => (typeof scope.requestAnimationFrame === 'function' ? scope.requestAnimationFrame(cb) : setTimeout(cb, 16));

function handle(m: ViewRequest) {
  if (m.op === 'init') {
    m.canvas.addEventListener('webglcontextlost', (e) => {
      e.preventDefault();
      fail('The 3D view lost its graphics context (the browser reclaimed it). Open the case again to see the cloud.');
    });
    try {
      view = new PointView(m.canvas, m.size, (pose) => reply({ op: 'pose', pose }), nextFrame, (points) => reply({ op: 'drawn', points }));
    } catch {
      fail('This browser cannot draw the 3D view: WebGL is not available to it. The rendered views below still show the cloud.');
    }
    return;
  }
  if (!view) return;
  switch (m.op) {
    case 'size':
      return view.setSize(m.size);
    case 'cloud':
      return view.setCloud(m.positions, m.colors, m.startPose, m.radius);
    case 'colors':
      return view.setColors(m.colors);
    case 'pointSize':
      return view.setPointSize(m.px);
    case 'highlight':
      return view.setHighlight(m.indices);
    case 'reset':
      return view.reset();
    case 'lookAlong':
      return view.lookAlong(m.axis);
    case 'input':
      return view.input(m.input);
  }
}

scope.onmessage = (e: MessageEvent<ViewRequest>) => {
  try {
    handle(e.data);
  } catch {
    fail('The 3D view stopped drawing after an error. Open the case again to see the cloud.');
  }
};
