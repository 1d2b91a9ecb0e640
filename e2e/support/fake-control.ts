import { request } from 'node:http';
import { FAKE_VLM_URL } from './env';

/** Talks to the fake server's control routes with node:http (GET without a body, POST with one). */
export function fake(path: string, body?: unknown, method?: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(`${FAKE_VLM_URL}${path}`, { method: method ?? (body ? 'POST' : 'GET'), headers: { 'content-type': 'application/json' } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve(JSON.parse(data)));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}
