/**
 * How deeply a JSON text nests, found by one scan without parsing, so a hostile file of a
 * million `[` is refused before `JSON.parse` and schema checks recurse through it.
 */

/** True when `text` nests arrays/objects deeper than `maxDepth` (strings are skipped correctly). */
export function jsonNestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > maxDepth) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}
