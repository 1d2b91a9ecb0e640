/** Numeric scalar types of PLY and PCD, by a small code so hot loops can switch on it. */
export const enum Scalar {
  I8 = 0,
  U8 = 1,
  I16 = 2,
  U16 = 3,
  I32 = 4,
  U32 = 5,
  F32 = 6,
  F64 = 7,
  I64 = 8,
  U64 = 9,
}

export const SCALAR_SIZE = [1, 1, 2, 2, 4, 4, 4, 8, 8, 8];

export function isFloat(t: Scalar): boolean {
  return t === Scalar.F32 || t === Scalar.F64;
}

export function readScalar(dv: DataView, off: number, t: Scalar, le: boolean): number {
  switch (t) {
    case Scalar.F32:
      return dv.getFloat32(off, le);
    case Scalar.F64:
      return dv.getFloat64(off, le);
    case Scalar.U8:
      return dv.getUint8(off);
    case Scalar.I8:
      return dv.getInt8(off);
    case Scalar.I16:
      return dv.getInt16(off, le);
    case Scalar.U16:
      return dv.getUint16(off, le);
    case Scalar.I32:
      return dv.getInt32(off, le);
    case Scalar.U32:
      return dv.getUint32(off, le);
    case Scalar.I64:
      return Number(dv.getBigInt64(off, le));
    case Scalar.U64:
      return Number(dv.getBigUint64(off, le));
  }
}

/** Scales a stored colour channel to 0–255: floats are 0–1, 16-bit integers 0–65535. */
export function toByte(v: number, t: Scalar): number {
  if (t === Scalar.F32 || t === Scalar.F64) v *= 255;
  else if (t === Scalar.U16 || t === Scalar.I16) v /= 257;
  v = Math.round(v);
  return v < 0 ? 0 : v > 255 ? 255 : v;
}
