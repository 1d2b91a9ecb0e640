import { describe, expect, it } from 'vitest';
import { canonicalJson, caseImageKey, hashJson, jobKey, renderId, requestHash, requestKey, resultId, retryDelay, sha256Hex } from '@/core/identity';

describe('identity', () => {
  it('a result id is run, case and repeat, as stored since the first release', () => {
    expect(resultId('run-1', 'case-abc', 2)).toBe('run-1:case-abc:2');
    expect(jobKey('case-abc', 0)).toBe('case-abc:0');
  });

  it('canonical JSON ignores key order and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }], u: undefined })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([undefined, null])).toBe('[null,null]');
  });

  it('SHA-256 is the same for a string and its UTF-8 bytes', async () => {
    const want = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(await sha256Hex('abc')).toBe(want);
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(want);
    expect(await sha256Hex(new TextEncoder().encode('abc').buffer)).toBe(want);
    expect(await hashJson({ b: 2, a: 1 })).toBe(await sha256Hex('{"a":1,"b":2}'));
  });

  // Hashes already stored in users' projects: reuse finds earlier answers only if these never change.
  it('a model request hashes to the value stored by earlier releases', async () => {
    const r = {
      detector: 'vlm' as const,
      promptVersionHash: 'a'.repeat(64),
      baseURL: 'https://api.openai.com/v1',
      model: 'gpt-4o',
      params: { temperature: 0, maxTokens: 800, responseFormat: 'json_object', logprobs: false, reasoningEffort: undefined },
      imageHashes: ['b'.repeat(64), 'c'.repeat(64)],
    };
    expect(await requestHash(r)).toBe('f53e900278a470726edd0b5f2f9e6efb4f29c98aef2e89cc83462a054fa487c6');
  });

  it('a baseline request hashes to the value stored by earlier releases', async () => {
    const r = { detector: 'baseline' as const, version: 'patch-nn-1', threshold: 0.5, assetId: 'd'.repeat(64), referenceAssetIds: ['e'.repeat(64)] };
    expect(await requestHash(r)).toBe('091344ac309db0e90e9811a708f8f59bd290b14ae83e8203743dee4f9f794445');
  });

  it('requests differing in any image, model or parameter have different keys', () => {
    const base = { detector: 'vlm' as const, promptVersionHash: 'p', baseURL: 'u', model: 'm', params: { temperature: 0, responseFormat: 'text', logprobs: false }, imageHashes: ['i1'] };
    const key = requestKey(base);
    expect(requestKey({ ...base, imageHashes: ['i2'] })).not.toBe(key);
    expect(requestKey({ ...base, model: 'm2' })).not.toBe(key);
    expect(requestKey({ ...base, params: { ...base.params, temperature: 0.7 } })).not.toBe(key);
    expect(requestKey({ ...base, params: { logprobs: false, responseFormat: 'text', temperature: 0 } })).toBe(key);
  });

  it('retry delays double up to the cap, and a server-given wait wins', () => {
    const b = { first: 1000, factor: 2, max: 60_000 };
    expect([0, 1, 2, 3, 10].map((i) => retryDelay(i, b))).toEqual([1000, 2000, 4000, 8000, 60_000]);
    expect(retryDelay(0, b, { retryAfter: 7000 })).toBe(7000);
    expect(retryDelay(0, b, { retryAfter: -5 })).toBe(0);
    // Jitter keeps a wait within [½, 1] of its step.
    expect(retryDelay(2, b, { random: () => 0 })).toBe(2000);
    expect(retryDelay(2, b, { random: () => 1 })).toBe(4000);
  });
});

describe('stored keys', () => {
  it('a render id and a case image key keep the formats stored in the renders table and caches', () => {
    expect(renderId('asset', 'spec')).toBe('asset:spec');
    expect(caseImageKey('asset', 2, { caption: 'depth view +X', width: 320, height: 240, blob: new Blob(['abc']) })).toBe('asset:2:depth view +X:320x240:3');
  });
});
