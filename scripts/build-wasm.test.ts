import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERNELS, kernelSource } from './build-wasm';

describe('WebAssembly kernels', () => {
  for (const k of KERNELS)
    it(`${k.out} holds the bytes of ${k.wat} (run \`npm run wasm\` after editing it)`, async () => {
      expect(readFileSync(k.out, 'utf8')).toBe(await kernelSource(k));
    });
});
