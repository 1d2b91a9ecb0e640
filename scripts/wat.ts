/** The one seam for wabt: WebAssembly text (with SIMD) to module bytes. */
import wabtInit from 'wabt';

export async function assembleWat(text: string, name: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const parsed = wabt.parseWat(name, text, { simd: true });
  try {
    parsed.validate();
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}
