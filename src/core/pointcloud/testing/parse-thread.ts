/**
 * A Node worker thread that parses point clouds for the fuzz test: a parse that never returns
 * would block the test's own thread, so it runs here where the test can stop it.
 */
import { parentPort } from 'node:worker_threads';
import { parsePointCloud } from '../parse-point-cloud';

export type ParseReply =
  | { ok: true; count: number; finite: boolean; ms: number }
  | { ok: false; name: string; kind?: string; message: string; ms: number };

parentPort?.on('message', ({ name, bytes }: { name: string; bytes: Uint8Array }) => {
  const t0 = performance.now();
  let reply: ParseReply;
  try {
    const c = parsePointCloud(bytes, name);
    let finite = true;
    for (let i = 0; i < c.positions.length; i++) if (!Number.isFinite(c.positions[i])) finite = false;
    reply = { ok: true, count: c.count, finite, ms: performance.now() - t0 };
  } catch (e) {
    const err = e as { name?: string; kind?: string; message?: string };
    reply = { ok: false, name: String(err?.name), kind: err?.kind, message: String(err?.message ?? e), ms: performance.now() - t0 };
  }
  parentPort!.postMessage(reply);
});
