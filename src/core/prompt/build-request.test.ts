import { describe, expect, it } from 'vitest';
import { buildRequest, type BuildRequestInput, type ContentPart, type EncodedImage } from '@/core/prompt/build-request';
import { templateBody, type PromptBody } from '@/core/prompt/prompt-body';
import { geminiImageTokens, openAiImageTokens } from '@/core/prompt/token-estimate';
import { capabilities, costUsd, priceFor, DEFAULT_PRICES } from '@/core/vlm/providers';
import { parseVerdict } from '@/core/vlm/parse-verdict';

const img = (hash: string, caption?: string, w = 768, h = 768): EncodedImage => ({ sourceHash: hash, dataUrl: `data:image/jpeg;base64,${hash}`, mime: 'image/jpeg', bytes: 1000, width: w, height: h, caption });

function body(over: Partial<PromptBody> = {}): PromptBody {
  return {
    ...templateBody('workbench'),
    classContext: { bottle: 'A brown glass bottle seen from above.', screw: 'A screw.' },
    rules: [
      { id: 'R1', text: 'The rim is a closed ring.', enabled: true, scope: 'global', kind: 'rule' },
      { id: 'R2', text: 'No foreign material inside.', enabled: true, scope: 'bottle', kind: 'rule' },
      { id: 'R3', text: 'Thread is regular.', enabled: true, scope: 'screw', kind: 'rule' },
      { id: 'R4', text: 'Disabled rule.', enabled: false, scope: 'global', kind: 'rule' },
      { id: 'R5', text: 'Small lighting changes.', enabled: true, scope: 'global', kind: 'tolerated' },
    ],
    ...over,
  };
}

function input(over: Partial<BuildRequestInput> = {}): BuildRequestInput {
  return {
    body: body(),
    query: { caseId: 'q', caseName: 'bottle/test/broken_large/000.png', className: 'bottle', kind: 'image', images: [img('hq')] },
    references: [
      { caseId: 'r1', caseName: 'good/001.png', role: 'reference', images: [img('h1')] },
      { caseId: 'r2', caseName: 'good/002.png', role: 'reference', images: [img('h2')] },
    ],
    model: 'gpt-4o',
    caps: capabilities({ presetId: 'openai' }),
    stream: true,
    ...over,
  };
}

const userParts = (b: ReturnType<typeof buildRequest>) => b.body.messages[1].content as ContentPart[];
const texts = (b: ReturnType<typeof buildRequest>) => userParts(b).filter((p): p is Extract<ContentPart, { type: 'text' }> => p.type === 'text').map((p) => p.text).join('\n');
const urls = (b: ReturnType<typeof buildRequest>) => userParts(b).flatMap((p) => (p.type === 'image_url' ? [p.image_url.url] : []));

describe('buildRequest', () => {
  it('sends task, class context, the rules that apply, references, then the query last', () => {
    const b = buildRequest(input());
    expect(b.body.messages[0]).toEqual({ role: 'system', content: body().task });
    const t = texts(b);
    expect(t).toContain('A brown glass bottle seen from above.');
    expect(t).toContain('R1: The rim is a closed ring.');
    expect(t).toContain('R2: No foreign material inside.');
    expect(t).not.toContain('R3'); // scoped to screw
    expect(t).not.toContain('R4'); // disabled
    expect(t).toMatch(/Tolerated variations[^]*R5: Small lighting changes\./);
    expect(urls(b)).toEqual(['data:image/jpeg;base64,h1', 'data:image/jpeg;base64,h2', 'data:image/jpeg;base64,hq']);
    expect(t).toContain('Reference 1 of 2 (a normal bottle)');
    expect(b.imageHashes).toEqual(['h1', 'h2', 'hq']);
  });

  it('never leaks the case name (its folder can hold the label) into the request', () => {
    expect(JSON.stringify(buildRequest(input()).body)).not.toContain('broken_large');
  });

  it('asks for a strict schema with reasoning before the verdict and rule ids as an enum', () => {
    const b = buildRequest(input());
    const rf = b.body.response_format;
    expect(rf?.type).toBe('json_schema');
    if (rf?.type !== 'json_schema') return;
    const schema = rf.json_schema.schema as { properties: Record<string, { items?: { enum?: string[] } }>; required: string[] };
    expect(Object.keys(schema.properties).slice(0, 2)).toEqual(['reasoning', 'verdict']);
    expect(schema.required).toEqual(Object.keys(schema.properties));
    expect(schema.properties.violated_rules.items?.enum).toEqual(['R1', 'R2']);
    expect(b.body.logprobs).toBe(true);
    expect(b.body.stream).toBe(true);
    expect(b.body.stream_options).toEqual({ include_usage: true });
  });

  it('excludes the query from its own references by content hash, with a visible note', () => {
    const b = buildRequest(input({ references: [{ caseId: 'other-id', caseName: 'same picture.png', role: 'reference', images: [img('hq')] }, { caseId: 'r2', caseName: 'r2', role: 'reference', images: [img('h2')] }] }));
    expect(urls(b)).toEqual(['data:image/jpeg;base64,h2', 'data:image/jpeg;base64,hq']);
    expect(b.notes.map((n) => n.kind)).toContain('excluded-self');
    expect(b.notes.find((n) => n.kind === 'excluded-self')?.text).toContain('same picture.png');
  });

  it('flags references that are also test cases', () => {
    const b = buildRequest(input({ references: [{ caseId: 't9', caseName: 'test/good/000.png', role: 'test', images: [img('h9')] }] }));
    expect(b.notes.find((n) => n.kind === 'overlap')?.text).toContain('test/good/000.png');
  });

  it("authors' template: one reference, then the query, and the correctness answer", () => {
    const b = buildRequest(input({ body: { ...templateBody('authors'), references: { bottle: ['r1', 'r2'] } } }));
    expect(urls(b)).toEqual(['data:image/jpeg;base64,h1', 'data:image/jpeg;base64,hq']);
    const rf = b.body.response_format;
    expect(rf?.type === 'json_schema' && Object.keys((rf.json_schema.schema as { properties: object }).properties)).toEqual(['reasoning', 'correctness']);
    expect(texts(b)).not.toContain('R1');
    // and the answer shape it asks for is read back with the right polarity
    expect(parseVerdict('{"reasoning":"same","correctness":1}')).toMatchObject({ verdict: 'normal' });
  });

  it('zero-shot and rules-only templates send no references', () => {
    expect(urls(buildRequest(input({ body: templateBody('zero-shot') })))).toEqual(['data:image/jpeg;base64,hq']);
    const r = buildRequest(input({ body: { ...body(), knowledge: { classContext: true, rules: true, references: false } } }));
    expect(urls(r)).toEqual(['data:image/jpeg;base64,hq']);
    expect(texts(r)).toContain('R1');
  });

  it('point cloud: every depth view goes with its caption', () => {
    const views = ['depth view +X', 'depth view -X', 'depth view +Z'].map((c, i) => img(`v${i}`, c, 336, 336));
    const b = buildRequest(input({ query: { caseId: 'pc', caseName: 'part.ply', className: 'bottle', kind: 'pointcloud', images: views }, references: [] }));
    expect(texts(b)).toContain('Query, depth view +X');
    expect(texts(b)).toContain('Query, depth view +Z');
    expect(b.images.filter((i) => i.role === 'query')).toHaveLength(3);
  });

  it('video: frames keep their time captions in order', () => {
    const frames = [0, 12, 24].map((f) => img(`f${f}`, `frame ${f}, t = ${(f / 25).toFixed(2)} s`));
    const b = buildRequest(input({ query: { caseId: 'v', caseName: 'clip.mp4', className: 'bottle', kind: 'video', images: frames }, references: [] }));
    const t = texts(b);
    expect(t.indexOf('frame 0, t = 0.00 s')).toBeLessThan(t.indexOf('frame 24, t = 0.96 s'));
  });

  it('video as one contact sheet keeps its caption with the timestamps', () => {
    const sheet = img('sheet', 'contact sheet of 4 frames, left to right: frame 0, t = 0.00 s; frame 8, t = 0.32 s', 1024, 768);
    const b = buildRequest(input({ query: { caseId: 'v', caseName: 'clip.mp4', className: 'bottle', kind: 'video', images: [sheet] }, references: [] }));
    expect(texts(b)).toContain('Query, contact sheet of 4 frames, left to right: frame 0, t = 0.00 s; frame 8, t = 0.32 s');
  });

  it('keeps within the provider image limit by dropping references, and blocks a query that is too big', () => {
    const caps = { ...capabilities({ presetId: 'ollama' }), maxImages: 2 };
    const b = buildRequest(input({ caps }));
    expect(b.images.map((i) => i.role)).toEqual(['reference', 'query']);
    expect(b.notes.find((n) => n.kind === 'too-many-images')?.blocking).toBe(false);
    const many = buildRequest(input({ caps, query: { ...input().query, images: [img('a'), img('b'), img('c')] } }));
    expect(many.notes.find((n) => n.kind === 'too-many-images')?.blocking).toBe(true);
  });

  it('local providers: no detail, no strict schema, JSON mode, no logprobs', () => {
    const b = buildRequest(input({ caps: capabilities({ presetId: 'ollama' }) }));
    expect(userParts(b).some((p) => p.type === 'image_url' && 'detail' in p.image_url)).toBe(false);
    expect(b.body.response_format).toEqual({ type: 'json_object' });
    expect(b.body.logprobs).toBeUndefined();
    expect(b.estimate.approx).toBe(true);
  });
});

describe('token and cost estimates', () => {
  it('follows the published image formulas', () => {
    expect(openAiImageTokens(1024, 1024, 'low')).toBe(85);
    expect(openAiImageTokens(1024, 1024, 'high')).toBe(765); // → 768², 4 tiles
    expect(openAiImageTokens(2048, 4096, 'high')).toBe(1105); // → 768×1536, 6 tiles
    expect(openAiImageTokens(512, 512, 'high')).toBe(255);
    expect(geminiImageTokens(300, 300)).toBe(258);
    expect(geminiImageTokens(1000, 700)).toBe(516);
  });

  it('adds text and image tokens and prices them', () => {
    const b = buildRequest(input());
    expect(b.estimate.imageTokens).toBe(3 * 765);
    expect(b.estimate.textTokens).toBeGreaterThan(50);
    const price = priceFor(DEFAULT_PRICES, 'gpt-4o');
    expect(costUsd(price, 1_000_000, 0)).toBe(2.5);
    expect(costUsd(priceFor([{ model: 'qwen*', inputPerMTokUsd: 1, outputPerMTokUsd: 2 }], 'qwen2.5vl:7b'), 0, 500_000)).toBe(1);
    expect(priceFor(DEFAULT_PRICES, 'unknown-model')).toBeUndefined();
  });
});

describe('known defects (e.g. imported from MMAD)', () => {
  const known = { bottle: [{ name: 'broken large', text: 'A large piece of the rim is missing.' }], screw: [{ name: 'scratch', text: 'A scratch on the thread.' }] };
  it('are sent for the query class only when their switch is on', () => {
    const on = texts(buildRequest(input({ body: body({ knownDefects: known, knowledge: { ...body().knowledge, knownDefects: true } }) })));
    expect(on).toContain('Known defects of this class:\n- broken large: A large piece of the rim is missing.');
    expect(on).not.toContain('scratch');
    const off = texts(buildRequest(input({ body: body({ knownDefects: known }) })));
    expect(off).not.toContain('Known defects');
  });
});
