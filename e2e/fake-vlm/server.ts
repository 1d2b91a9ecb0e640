/**
 * A fake OpenAI-compatible server for end-to-end tests. It listens on loopback only.
 * Run: `npx tsx e2e/fake-vlm/server.ts --port 4174`.
 *
 * Routes: POST /v1/chat/completions (JSON or SSE), GET /v1/models, GET /health,
 * GET|DELETE /_requests (request log; the key is never recorded), POST /_control (queue
 * scenarios, set latency), GET /_beacon (logs hits: proves model output loaded nothing).
 * Failures on demand: see `./scenarios`. Files and Batches routes: see `./batches`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { imageFacts, type ImageFacts } from './images';
import { makeAnswer, tokenize } from './answer';
import { darkMarkRule, knowledgeAnswer, knowledgeKind, type KnowledgeKind } from './knowledge';
import { httpFailure, scenarioForModel, SCENARIOS, type Scenario } from './scenarios';
import { applyModelRules, FAMILY_MODELS, type RuleBody } from './model-rules';
import { withBoxes } from './boxes';
import { handleBatchRoutes } from './batches';

const MAX_BODY_BYTES = 64 * 1024 * 1024;
const MAX_LOG = 200;
const MAX_HANG_MS = 5 * 60 * 1000;

export interface LoggedRequest {
  at: number;
  path: string;
  model: string;
  scenario: Scenario;
  stream: boolean;
  /** Whether an Authorization header came (its value is never stored). */
  hasAuth: boolean;
  responseFormat: string;
  logprobs: boolean;
  /** All text parts, joined (first 20,000 characters). */
  text: string;
  images: ImageFacts[];
  detail: (string | null)[];
  verdict?: string;
  /** Set for knowledge requests (drafting rules, a rule from a miss or an overkill). */
  knowledge?: KnowledgeKind;
  status: number;
  /** Every top-level field of the body except `messages`, as sent. */
  params?: Record<string, unknown>;
  /** Whether Anthropic's browser-access header came. */
  anthropicBrowserHeader?: boolean;
  /** Reasoning tokens the fake spent, and whether the budget ran out before the answer. */
  reasoningTokens?: number;
  budgetExhausted?: boolean;
}

interface State {
  log: LoggedRequest[];
  beacons: string[];
  queue: Scenario[];
  latencyMs: number;
  /** Delay between streamed chunks, ms. */
  chunkDelayMs: number;
}

export function createState(): State {
  return { log: [], beacons: [], queue: [], latencyMs: 0, chunkDelayMs: 15 };
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    // `*` does not cover Authorization: echo what the preflight asks for (x-stainless-* included).
    'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? 'authorization, content-type'),
    'access-control-expose-headers': 'retry-after, retry-after-ms, x-request-id',
    'access-control-max-age': '600',
  };
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...corsHeaders(req), ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ChatBody extends RuleBody {
  model?: string;
  stream?: boolean;
  logprobs?: boolean;
  response_format?: { type?: string; json_schema?: { name?: string; schema?: { properties?: Record<string, { items?: { enum?: string[] } }> } } };
  messages?: { role: string; content: string | { type: string; text?: string; image_url?: { url: string; detail?: string } }[] }[];
}

function record(state: State, entry: LoggedRequest) {
  state.log.push(entry);
  if (state.log.length > MAX_LOG) state.log.shift();
}

async function chat(state: State, req: IncomingMessage, res: ServerResponse, selfUrl: string) {
  let body: ChatBody;
  try {
    body = JSON.parse(await readBody(req)) as ChatBody;
  } catch {
    return send(req, res, 400, { error: { message: 'Invalid JSON body.', type: 'invalid_request_error', code: null } });
  }
  const model = String(body.model ?? '');
  const scenario = state.queue.shift() ?? scenarioForModel(model);
  const texts: string[] = [];
  const urls: string[] = [];
  const detail: (string | null)[] = [];
  for (const m of body.messages ?? []) {
    if (typeof m.content === 'string') texts.push(m.content);
    else
      for (const p of m.content ?? []) {
        if (p.type === 'text' && p.text) texts.push(p.text);
        if (p.type === 'image_url' && p.image_url?.url) {
          urls.push(p.image_url.url);
          detail.push(p.image_url.detail ?? null);
        }
      }
  }
  const images = urls.slice(0, 64).map((u, i) => imageFacts(i, u));
  const text = texts.join('\n');
  const schemaProps = body.response_format?.json_schema?.schema?.properties;
  const format = schemaProps ? ('correctness' in schemaProps ? 'authors' : 'workbench') : /"correctness"/.test(text) ? 'authors' : 'workbench';
  const ruleIds = schemaProps?.violated_rules?.items?.enum ?? [...new Set(text.match(/\bR\d+(?=:)/g) ?? [])];
  const entry: LoggedRequest = {
    at: Date.now(),
    path: '/v1/chat/completions',
    model,
    scenario,
    stream: !!body.stream,
    hasAuth: !!req.headers.authorization,
    responseFormat: body.response_format?.type ?? 'text',
    logprobs: !!body.logprobs,
    text: text.slice(0, 20_000),
    images,
    detail,
    status: 200,
    params: Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'messages')),
    anthropicBrowserHeader: req.headers['anthropic-dangerous-direct-browser-access'] === 'true',
  };
  record(state, entry);

  if (state.latencyMs) await sleep(state.latencyMs);
  const failure = httpFailure(scenario);
  if (failure) {
    entry.status = failure.status;
    return send(req, res, failure.status, failure.body, failure.headers);
  }
  const rules = applyModelRules(model, body, req.headers);
  if (rules.failure) {
    entry.status = rules.failure.status;
    return send(req, res, rules.failure.status, rules.failure.body, rules.failure.headers);
  }
  if (scenario === 'fail-timeout') {
    // Hold the connection until the client gives up (bounded).
    const t = setTimeout(() => res.destroy(), MAX_HANG_MS);
    res.on('close', () => clearTimeout(t));
    return;
  }
  if (scenario === 'fail-drop') {
    req.socket.destroy();
    return;
  }

  const knowledge = knowledgeKind(body.response_format?.json_schema?.name, text);
  entry.knowledge = knowledge;
  const made = knowledge
    ? { text: knowledgeAnswer(knowledge, images), verdict: undefined, refusal: undefined, finishReason: 'stop' as const }
    : withBoxes(makeAnswer({ images, format: scenario === 'answer-authors' ? 'authors' : format, ruleIds, scenario, selfUrl, darkMarks: darkMarkRule(text) }), images, !!schemaProps?.locations || /"locations"/.test(text));
  // Families that ignore response_format answer in prose around the JSON.
  const answer = rules.textOnly && made.text ? { ...made, text: `Here is my assessment of the part.\n\n\`\`\`json\n${made.text}\n\`\`\`` } : made;
  let tokens = tokenize(answer.text, answer.verdict);
  let reasoningTokens = rules.reasoningTokens;
  // Hidden reasoning is spent from the same budget first: a short budget leaves no answer at all.
  const exhausted = rules.budget !== undefined && rules.budget < reasoningTokens + tokens.length;
  if (exhausted) {
    reasoningTokens = Math.min(reasoningTokens, rules.budget!);
    tokens = [];
    answer.text = '';
    answer.finishReason = 'length';
    answer.verdict = undefined;
  }
  entry.verdict = answer.verdict;
  entry.reasoningTokens = reasoningTokens;
  entry.budgetExhausted = exhausted;
  const sendLogprobs = !!body.logprobs && !rules.textOnly;
  const thinking = rules.thinking;
  const id = `chatcmpl-fake-${state.log.length}`;
  const completion = exhausted ? rules.budget! : tokens.length + reasoningTokens;
  const usage = { prompt_tokens: Math.ceil(text.length / 4) + images.length * 255, completion_tokens: completion, total_tokens: 0, completion_tokens_details: { reasoning_tokens: reasoningTokens } };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  const base = { id, created: Math.floor(Date.now() / 1000), model: model || 'fake-vision' };

  if (!body.stream) {
    return send(req, res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: answer.text || null, refusal: answer.refusal ?? null, ...(thinking ? { reasoning_content: thinking } : {}) },
          logprobs: sendLogprobs ? { content: tokens.map((t) => ({ ...t, bytes: null, top_logprobs: t.top_logprobs.map((x) => ({ ...x, bytes: null })) })) } : null,
          finish_reason: answer.finishReason,
        },
      ],
      usage,
    });
  }

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...corsHeaders(req) });
  let closed = false;
  res.on('close', () => (closed = true));
  const write = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
  const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => write({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, logprobs: null, finish_reason: null, ...extra }] });
  chunk({ role: 'assistant', content: '' });
  if (answer.refusal) chunk({ refusal: answer.refusal });
  if (thinking) for (const piece of thinking.match(/.{1,24}/g) ?? []) chunk({ content: null, reasoning_content: piece });
  const delay = scenario === 'slow' ? 150 : state.chunkDelayMs;
  for (const t of tokens) {
    if (closed) return;
    chunk({ content: t.token }, sendLogprobs ? { logprobs: { content: [{ ...t, bytes: null, top_logprobs: t.top_logprobs.map((x) => ({ ...x, bytes: null })) }] } } : {});
    if (delay) await sleep(delay);
  }
  if (closed) return;
  write({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: answer.finishReason }] });
  write({ ...base, object: 'chat.completion.chunk', choices: [], usage });
  res.end('data: [DONE]\n\n');
}

export function createHandler(state: State = createState()) {
  return async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, corsHeaders(req));
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const selfUrl = `http://${req.headers.host ?? '127.0.0.1'}`;
    try {
      if (url.pathname === '/health') return send(req, res, 200, { ok: true });
      if (url.pathname === '/v1/models' || url.pathname === '/models') {
        record(state, { at: Date.now(), path: url.pathname, model: '', scenario: 'ok', stream: false, hasAuth: !!req.headers.authorization, responseFormat: '', logprobs: false, text: '', images: [], detail: [], status: 200 });
        return send(req, res, 200, { object: 'list', data: ['fake-vision', ...FAMILY_MODELS, ...SCENARIOS.filter((s) => s !== 'ok')].map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
      }
      if (url.pathname === '/v1/chat/completions' || url.pathname === '/chat/completions') {
        if (req.method !== 'POST') return send(req, res, 405, { error: { message: 'Use POST.' } });
        return await chat(state, req, res, selfUrl);
      }
      if (url.pathname === '/_requests') {
        if (req.method === 'DELETE') {
          state.log.length = 0;
          state.beacons.length = 0;
          return send(req, res, 200, { ok: true });
        }
        return send(req, res, 200, { requests: state.log, beacons: state.beacons });
      }
      if (url.pathname === '/_beacon') {
        state.beacons.push(url.search);
        return send(req, res, 200, { ok: true });
      }
      if (url.pathname === '/_control' && req.method === 'POST') {
        const c = JSON.parse(await readBody(req)) as { queue?: string[]; latencyMs?: number; chunkDelayMs?: number; reset?: boolean };
        if (c.reset) Object.assign(state, createState());
        if (c.queue) state.queue.push(...c.queue.filter((s): s is Scenario => (SCENARIOS as readonly string[]).includes(s)));
        if (typeof c.latencyMs === 'number') state.latencyMs = Math.min(Math.max(0, c.latencyMs), 60_000);
        if (typeof c.chunkDelayMs === 'number') state.chunkDelayMs = Math.min(Math.max(0, c.chunkDelayMs), 5_000);
        return send(req, res, 200, { queue: state.queue, latencyMs: state.latencyMs, chunkDelayMs: state.chunkDelayMs });
      }
      if (await handleBatchRoutes(req, res, url.pathname, selfUrl, send)) return;
      return send(req, res, 404, { error: { message: `No route ${url.pathname}`, type: 'invalid_request_error' } });
    } catch (err) {
      if (!res.headersSent) send(req, res, 500, { error: { message: err instanceof Error ? err.message : 'fake server error' } });
    }
  };
}

/** Starts a server on loopback; resolves with its base URL and a close function. */
export function startFakeVlm(port = 0): Promise<{ url: string; state: State; close: () => Promise<void> }> {
  const state = createState();
  const server = createServer(createHandler(state));
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address();
      const p = typeof addr === 'object' && addr ? addr.port : port;
      resolve({
        url: `http://127.0.0.1:${p}`,
        state,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 4174;
  void startFakeVlm(port).then(({ url }) => console.log(`fake VLM on ${url}`));
}

/** A handler with its own state, for code that mounts the fake server itself. */
export const handle = createHandler();
