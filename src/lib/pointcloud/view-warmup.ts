/**
 * Builds the 3D view's shader programs ahead of its first use where that matters: with software
 * WebGL, where building them holds the page for about half a second (see the worker). Once per
 * tab, in idle time, in a worker that is let go when done.
 */
import { displayBudget } from '@/lib/pointcloud/display-budget';

let started = false;

export function warmUpPointCloudView(): void {
  if (started || typeof OffscreenCanvas === 'undefined' || typeof Worker === 'undefined') return;
  started = true;
  const go = () => {
    if (!displayBudget().software) return;
    const worker = new Worker(new URL('../../workers/view-warmup.worker.ts', import.meta.url), { type: 'module' });
    const done = () => worker.terminate();
    worker.onmessage = done;
    worker.onerror = done;
    setTimeout(done, 60_000);
    worker.postMessage('go');
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 2000 });
  else setTimeout(go, 200);
}
