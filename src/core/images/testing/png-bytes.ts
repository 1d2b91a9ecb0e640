/** A structurally valid PNG (right chunk CRCs, one IDAT of stored deflate blocks) of any size, for tests. */
import { encodePngRgb } from '@/core/sample/png';

/** RGB 8-bit of one grey level; written by the sample's PNG writer, so no compressor is needed. */
export function validPng(width: number, height: number, fill = 128): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encodePngRgb(new Uint8Array(width * height * 3).fill(fill), width, height));
}
