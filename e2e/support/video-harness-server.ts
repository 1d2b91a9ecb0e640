/**
 * Starts a Vite dev server for the video test page (`e2e/harness/video.html`), which exposes the
 * app's video seam to specs and the benchmark without going through the whole app.
 */
import { createServer, type ViteDevServer } from 'vite';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function startVideoHarness(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: ViteDevServer = await createServer({
    root: ROOT,
    configFile: `${ROOT}/vite.config.ts`,
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false },
    optimizeDeps: { entries: ['e2e/harness/video.html'] },
  });
  await server.listen();
  const addr = server.httpServer?.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}/e2e/harness/video.html`, close: () => server.close() };
}
