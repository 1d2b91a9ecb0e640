/**
 * Numbers read from files, as messages print them. A hostile file can declare a count of 1e300 or
 * Infinity; a sentence should say "a count of 1e300", not print 301 digits.
 */

/** Integers below this are printed in full; above it they are shortened. */
const FULL_BELOW = 1e12;

/** `n` for a sentence: in full when short, else three significant digits with an exponent ("1e300", "4.29e15"). */
export function numberText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'infinity';
  if (n === -Infinity) return 'minus infinity';
  const abs = Math.abs(n);
  if (abs < FULL_BELOW && (Number.isInteger(n) || abs >= 1e-3 || n === 0)) return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
  const [mantissa, exp] = n.toExponential(2).split('e');
  return `${mantissa.replace(/\.?0+$/, '')}e${exp.replace('+', '')}`;
}

/** A raw token from a file (e.g. a header field), shortened when it is a long number or a long string. */
export function tokenText(token: string, maxChars = 24): string {
  const n = Number(token);
  if (token.trim() !== '' && (Number.isFinite(n) || /^[-+]?(inf(inity)?|nan)$/i.test(token.trim()))) {
    return token.length <= maxChars ? token : numberText(n);
  }
  return token.length <= maxChars ? token : `${token.slice(0, maxChars)}…`;
}
