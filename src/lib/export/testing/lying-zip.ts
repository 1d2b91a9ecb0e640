/** Test helper: a copy of a zip whose entries all declare `declared` uncompressed bytes, as a hostile zip would. */
export function lyingZip(zip: Uint8Array, declared: number): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = v.getUint32(i, true);
    if (sig === 0x02014b50) v.setUint32(i + 24, declared, true);
    else if (sig === 0x04034b50) v.setUint32(i + 22, declared, true);
  }
  return out;
}
