import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERNELS, moduleSource } from './build-wasm';
import { assembleWat } from './wat';

describe('WebAssembly kernels', () => {
  for (const k of KERNELS)
    it(`${k.out} holds the bytes of ${k.wat} (run \`npm run wasm\` after editing it)`, async () => {
      const bytes = await assembleWat(readFileSync(k.wat, 'utf8'), k.wat);
      expect(readFileSync(k.out, 'utf8')).toBe(moduleSource(k.wat, Buffer.from(bytes).toString('base64')));
    });
});
