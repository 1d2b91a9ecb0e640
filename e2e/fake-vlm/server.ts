/**
 * A fake OpenAI-compatible server for end-to-end tests. It listens on loopback only.
 * Run: `npx tsx e2e/fake-vlm/server.ts --port 4174`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': '*',
  'access-control-max-age': '600',
};

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', ...CORS_HEADERS });
  res.end(JSON.stringify(body));
}

export function handle(req: IncomingMessage, res: ServerResponse) {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS_HEADERS);
    res.end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') return send(res, 200, { ok: true });
  if (url.pathname === '/v1/models') return send(res, 200, { object: 'list', data: [{ id: 'fake-vision', object: 'model', created: 0, owned_by: 'fake' }] });
  return send(res, 404, { error: { message: `No route ${url.pathname}`, type: 'invalid_request_error' } });
}

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 4174;
createServer(handle).listen(port, '127.0.0.1', () => console.log(`fake VLM on http://127.0.0.1:${port}`));
