/**
 * The JSON text of an object, in pieces: its array fields are written a few hundred elements per
 * piece, so a manifest of tens of thousands of rows is never one string (nor its bytes) in memory.
 * Joined, the pieces are exactly `JSON.stringify(value)`.
 */
export function* jsonChunks(value: Record<string, unknown>, rowsPerChunk = 500): Generator<string> {
  yield '{';
  let first = true;
  for (const [key, v] of Object.entries(value)) {
    // JSON.stringify leaves out fields it cannot write.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const head = `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (!Array.isArray(v)) {
      yield head + JSON.stringify(v);
      continue;
    }
    yield `${head}[`;
    for (let i = 0; i < v.length; i += rowsPerChunk) {
      yield (i ? ',' : '') + v.slice(i, i + rowsPerChunk).map((x: unknown) => JSON.stringify(x) ?? 'null').join(',');
    }
    yield ']';
  }
  yield '}';
}
