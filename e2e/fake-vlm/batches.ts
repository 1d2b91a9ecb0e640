/**
 * The fake server's Files and Batches routes, shaped like OpenAI's:
 *   POST /v1/files (multipart: file, purpose=batch), GET /v1/files/{id}/content,
 *   POST /v1/batches, GET /v1/batches/{id}, POST /v1/batches/{id}/cancel.
 * Input lines are validated as the real service does (JSON, unique custom_id, POST, the batch's
 * url, a body with a model, one model per file). Each line is answered by this same server's chat
 * endpoint, so scenarios, queued failures and the pixel-reading answers all apply.
 * A batch moves one step per look: validating → in_progress → finalizing → completed.
 * Tests steer it with POST /_batches {"hold": true} (stop moving), {"expireNext": true},
 * {"fail": [401, 429, 500]} (the next Files/Batches calls answer with these), {"reset": true};
 * GET /_batches lists files and batches.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

type Send = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;

interface FakeFile {
  id: string;
  filename: string;
  purpose: string;
  text: string;
  created_at: number;
}

interface FakeBatch {
  id: string;
  object: 'batch';
  endpoint: string;
  input_file_id: string;
  completion_window: string;
  status: 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  request_counts: { total: number; completed: number; failed: number };
  errors: { object: 'list'; data: { code: string; message: string; param: string | null; line: number | null }[] } | null;
  metadata: Record<string, string> | null;
  /** Looks so far (GET count), for tests. */
  looks: number;
}

interface BatchState {
  files: Map<string, FakeFile>;
  batches: Map<string, FakeBatch>;
  hold: boolean;
  expireNext: boolean;
  /** HTTP statuses the next Files/Batches calls answer with. */
  fail: number[];
  seq: number;
}

const fresh = (): BatchState => ({ files: new Map(), batches: new Map(), hold: false, expireNext: false, fail: [], seq: 0 });

const FAILURES: Record<number, { message: string; code: string; type: string; headers?: Record<string, string> }> = {
  401: { message: 'Incorrect API key provided: sk-test***.', code: 'invalid_api_key', type: 'invalid_request_error' },
  429: { message: 'Rate limit reached for requests.', code: 'rate_limit_exceeded', type: 'requests', headers: { 'retry-after': '1' } },
  500: { message: 'The server had an error while processing your request.', code: 'server_error', type: 'server_error' },
};
let state = fresh();
const now = () => Math.floor(Date.now() / 1000);
const err = (message: string, code: string | null = null, type = 'invalid_request_error') => ({ error: { message, type, param: null, code } });

async function rawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

interface Line {
  custom_id: string;
  url: string;
  body: Record<string, unknown>;
}

/** Validates an input file like the real service; returns the lines or the errors with line numbers. */
export function validateLines(text: string, endpoint: string): { lines: Line[]; errors: { code: string; message: string; param: string | null; line: number }[] } {
  const lines: Line[] = [];
  const errors: { code: string; message: string; param: string | null; line: number }[] = [];
  const seen = new Set<string>();
  let model: unknown;
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    const line = i + 1;
    let o: { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
    try {
      o = JSON.parse(raw);
    } catch {
      errors.push({ code: 'invalid_json_line', message: 'This line is not parseable as valid JSON.', param: null, line });
      return;
    }
    if (typeof o.custom_id !== 'string' || !o.custom_id) return void errors.push({ code: 'missing_required_parameter', message: 'Missing required parameter: custom_id.', param: 'custom_id', line });
    if (seen.has(o.custom_id)) return void errors.push({ code: 'duplicate_custom_id', message: `The custom_id for this request is a duplicate of another request: ${o.custom_id}.`, param: 'custom_id', line });
    seen.add(o.custom_id);
    if (o.method !== 'POST') return void errors.push({ code: 'invalid_value', message: `Invalid value for method: expected POST.`, param: 'method', line });
    // Azure OpenAI names the batch endpoint without `/v1` and the lines with it.
    if (typeof o.url !== 'string' || o.url.replace(/^\/v1\//, '/') !== endpoint.replace(/^\/v1\//, '/')) return void errors.push({ code: 'mismatched_endpoint', message: `The url ${String(o.url)} does not match the batch endpoint ${endpoint}.`, param: 'url', line });
    const body = o.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || typeof body.model !== 'string') return void errors.push({ code: 'missing_required_parameter', message: 'Missing required parameter: body.model.', param: 'body', line });
    if (model !== undefined && body.model !== model) return void errors.push({ code: 'mismatched_model', message: 'All requests in a batch file must use the same model.', param: 'body.model', line });
    model = body.model;
    lines.push({ custom_id: o.custom_id, url: String(o.url), body });
  });
  return { lines, errors };
}

function newFile(filename: string, purpose: string, text: string): FakeFile {
  const f = { id: `file-fake-${++state.seq}`, filename, purpose, text, created_at: now() };
  state.files.set(f.id, f);
  return f;
}

/** Answers every line through this server's chat endpoint; writes the output and error files. */
async function answerAll(b: FakeBatch, selfUrl: string, auth: string | undefined) {
  const { lines } = validateLines(state.files.get(b.input_file_id)?.text ?? '', b.endpoint);
  const out: string[] = [];
  const bad: string[] = [];
  let n = 0;
  for (const l of lines) {
    const res = await fetch(`${selfUrl}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: JSON.stringify({ ...l.body, stream: false }) });
    const body = (await res.json()) as unknown;
    const row = JSON.stringify({ id: `batch_req_${b.id}_${++n}`, custom_id: l.custom_id, response: { status_code: res.status, request_id: `req_${n}`, body }, error: null });
    if (res.ok) out.push(row);
    else bad.push(row);
  }
  b.request_counts = { total: lines.length, completed: out.length, failed: bad.length };
  if (out.length) b.output_file_id = newFile(`${b.id}_output.jsonl`, 'batch_output', out.join('\n') + '\n').id;
  if (bad.length) b.error_file_id = newFile(`${b.id}_error.jsonl`, 'batch_output', bad.join('\n') + '\n').id;
}

/** One look moves the batch one step (unless held). */
async function step(b: FakeBatch, selfUrl: string, auth: string | undefined) {
  b.looks++;
  if (state.hold) return;
  if (b.status === 'validating') {
    const { lines, errors } = validateLines(state.files.get(b.input_file_id)?.text ?? '', b.endpoint);
    if (errors.length) {
      b.status = 'failed';
      b.errors = { object: 'list', data: errors };
    } else {
      b.status = 'in_progress';
      b.request_counts = { total: lines.length, completed: 0, failed: 0 };
    }
  } else if (b.status === 'in_progress') {
    if (state.expireNext) {
      state.expireNext = false;
      b.status = 'expired';
      return;
    }
    await answerAll(b, selfUrl, auth);
    b.status = 'finalizing';
  } else if (b.status === 'finalizing') b.status = 'completed';
  else if (b.status === 'cancelling') b.status = 'cancelled';
}

const view = (b: FakeBatch) => {
  const { looks: _looks, ...api } = b;
  return { ...api, in_progress_at: null, completed_at: b.status === 'completed' ? now() : null, expires_at: b.created_at + 86_400 };
};

/** Handles the Files/Batches routes; returns false when the path is not one of them. */
export async function handleBatchRoutes(req: IncomingMessage, res: ServerResponse, pathname: string, selfUrl: string, send: Send): Promise<boolean> {
  const auth = req.headers.authorization;
  const reply = (status: number, body: unknown) => {
    send(req, res, status, body);
    return true;
  };
  if (pathname === '/_batches') {
    if (req.method === 'POST') {
      const c = JSON.parse((await rawBody(req)).toString('utf8') || '{}') as { reset?: boolean; hold?: boolean; expireNext?: boolean; fail?: number[] };
      if (c.reset) state = fresh();
      if (Array.isArray(c.fail)) state.fail.push(...c.fail.filter((n) => FAILURES[n]));
      if (typeof c.hold === 'boolean') state.hold = c.hold;
      if (typeof c.expireNext === 'boolean') state.expireNext = c.expireNext;
    }
    send(req, res, 200, { hold: state.hold, files: [...state.files.values()].map(({ text, ...f }) => ({ ...f, lines: text.split('\n').filter((l) => l.trim()).length, bytes: Buffer.byteLength(text) })), batches: [...state.batches.values()] });
    return true;
  }
  const routed = pathname.startsWith('/v1/files') || pathname.startsWith('/v1/batches');
  if (routed && state.fail.length) {
    const status = state.fail.shift()!;
    const f = FAILURES[status];
    await rawBody(req);
    send(req, res, status, err(f.message, f.code, f.type), f.headers);
    return true;
  }
  if (pathname === '/v1/files' && req.method === 'POST') {
    const raw = await rawBody(req);
    const form = await new Request('http://fake/upload', { method: 'POST', headers: { 'content-type': String(req.headers['content-type'] ?? '') }, body: new Uint8Array(raw) }).formData().catch(() => undefined);
    const file = form?.get('file');
    const purpose = form?.get('purpose');
    if (!form || !file || typeof file === 'string') return reply(400, err("Missing required parameter: 'file'.", 'missing_required_parameter'));
    if (purpose !== 'batch') return reply(400, err(`Invalid value for 'purpose': expected 'batch' for this server, got '${String(purpose)}'.`, 'invalid_value'));
    const f = newFile(file.name, purpose, await file.text());
    send(req, res, 200, { object: 'file', id: f.id, bytes: Buffer.byteLength(f.text), created_at: f.created_at, filename: f.filename, purpose: f.purpose, status: 'processed' });
    return true;
  }
  const content = /^\/v1\/files\/([^/]+)\/content$/.exec(pathname);
  if (content && req.method === 'GET') {
    const f = state.files.get(content[1]);
    if (!f) return reply(404, err(`No such File object: ${content[1]}`, 'not_found'));
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'access-control-allow-origin': '*' });
    res.end(f.text);
    return true;
  }
  if (pathname === '/v1/batches' && req.method === 'POST') {
    const c = JSON.parse((await rawBody(req)).toString('utf8') || '{}') as { input_file_id?: string; endpoint?: string; completion_window?: string; metadata?: Record<string, string> };
    if (!c.input_file_id || !state.files.has(c.input_file_id)) return reply(404, err(`No such File object: ${String(c.input_file_id)}`, 'not_found'));
    if (c.completion_window !== '24h') return reply(400, err("Invalid value for 'completion_window': only '24h' is supported.", 'invalid_value'));
    if (c.endpoint !== '/v1/chat/completions' && c.endpoint !== '/chat/completions') return reply(400, err(`Invalid value for 'endpoint': ${String(c.endpoint)}.`, 'invalid_value'));
    const b: FakeBatch = { id: `batch_fake_${++state.seq}`, object: 'batch', endpoint: c.endpoint, input_file_id: c.input_file_id, completion_window: '24h', status: 'validating', output_file_id: null, error_file_id: null, created_at: now(), request_counts: { total: 0, completed: 0, failed: 0 }, errors: null, metadata: c.metadata ?? null, looks: 0 };
    state.batches.set(b.id, b);
    send(req, res, 200, view(b));
    return true;
  }
  const one = /^\/v1\/batches\/([^/]+)(\/cancel)?$/.exec(pathname);
  if (one) {
    const b = state.batches.get(one[1]);
    if (!b) return reply(404, err(`No batch found with id '${one[1]}'.`, 'not_found'));
    if (one[2] && req.method === 'POST') {
      if (b.status === 'completed' || b.status === 'failed' || b.status === 'expired' || b.status === 'cancelled') return reply(409, err(`Cannot cancel a batch with status '${b.status}'.`, 'conflict'));
      b.status = 'cancelling';
      send(req, res, 200, view(b));
      return true;
    }
    if (req.method === 'GET') {
      await step(b, selfUrl, auth);
      send(req, res, 200, view(b));
      return true;
    }
  }
  return false;
}
