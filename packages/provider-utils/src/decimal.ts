/**
 * Exact decimal arithmetic by powers of ten, on strings. Every price unit upstreams use differs
 * from USD per token by a power of ten, so converting is a shift of the decimal point: no
 * floating-point rounding, and normalising happens exactly once (in normalizePrice).
 */

const PLAIN = /^(\d+)(?:\.(\d+))?$/;
const SCIENTIFIC = /^(\d+)(?:\.(\d+))?e([+-]?\d+)$/i;

/** Parses a non-negative number or numeric string into digits and a base-10 exponent. */
function toDigits(value: string | number): { digits: string; exponent: number } | undefined {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const plain = PLAIN.exec(text);
  if (plain) {
    const fraction = plain[2] ?? '';
    return { digits: (plain[1] ?? '') + fraction, exponent: -fraction.length };
  }
  const sci = SCIENTIFIC.exec(text);
  if (sci) {
    const fraction = sci[2] ?? '';
    return { digits: (sci[1] ?? '') + fraction, exponent: Number(sci[3]) - fraction.length };
  }
  return undefined;
}

/**
 * `value × 10^shift` as a canonical decimal string ("0.000003", "15", "0"), or undefined when
 * the value is not a non-negative finite number.
 */
export function shiftDecimal(value: string | number, shift: number): string | undefined {
  const parsed = toDigits(value);
  if (!parsed) return undefined;
  const digits = parsed.digits.replace(/^0+(?=\d)/, '');
  const exponent = parsed.exponent + shift;
  let integer: string;
  let fraction: string;
  if (exponent >= 0) {
    integer = digits + '0'.repeat(exponent);
    fraction = '';
  } else {
    const point = digits.length + exponent;
    integer = point > 0 ? digits.slice(0, point) : '0';
    fraction = point > 0 ? digits.slice(point) : '0'.repeat(-point) + digits;
  }
  integer = integer.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  return fraction ? `${integer}.${fraction}` : integer;
}
