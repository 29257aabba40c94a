import { describe, expect, it } from 'vitest';
import { shiftDecimal } from './decimal.ts';

describe('shiftDecimal', () => {
  it('shifts plain decimals exactly', () => {
    expect(shiftDecimal('3', -6)).toBe('0.000003');
    expect(shiftDecimal('0.15', -6)).toBe('0.00000015');
    expect(shiftDecimal('30000', -10)).toBe('0.000003');
    expect(shiftDecimal('12.50', 2)).toBe('1250');
    expect(shiftDecimal('0', -6)).toBe('0');
    expect(shiftDecimal('0.000003', 0)).toBe('0.000003');
  });

  it('accepts numbers, including ones JavaScript prints in exponent form', () => {
    expect(shiftDecimal(0.1, -6)).toBe('0.0000001');
    expect(shiftDecimal(1e-7, 0)).toBe('0.0000001');
    expect(shiftDecimal(2.5e-7, 6)).toBe('0.25');
    expect(shiftDecimal(3900, -10)).toBe('0.00000039');
  });

  it('avoids the floating-point error a multiplication would make', () => {
    expect(0.1 * 3 * 1e-6).not.toBe(3e-7);
    expect(shiftDecimal('0.3', -6)).toBe('0.0000003');
  });

  it('rejects negative, non-numeric and non-finite input', () => {
    expect(shiftDecimal('-1', 0)).toBeUndefined();
    expect(shiftDecimal('abc', 0)).toBeUndefined();
    expect(shiftDecimal(Number.NaN, 0)).toBeUndefined();
    expect(shiftDecimal(Number.POSITIVE_INFINITY, 0)).toBeUndefined();
    expect(shiftDecimal('', 0)).toBeUndefined();
  });
});
