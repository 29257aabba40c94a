import { describe, expect, it } from 'vitest';
import { compareDecimal, compareOptionalDecimal } from './decimal-compare.ts';

describe('compareDecimal', () => {
  it('orders exactly', () => {
    expect(compareDecimal('0.0000003', '0.000003')).toBeLessThan(0);
    expect(compareDecimal('0.000015', '0.000003')).toBeGreaterThan(0);
    expect(compareDecimal('10', '9.99')).toBeGreaterThan(0);
    expect(compareDecimal('0.10', '0.1')).toBe(0);
    expect(compareDecimal('0', '0.0000000001')).toBeLessThan(0);
  });

  it('puts unknown prices last', () => {
    const prices = [undefined, '0.2', '0.1', undefined, '0'];
    expect([...prices].sort(compareOptionalDecimal)).toEqual(['0', '0.1', '0.2', undefined, undefined]);
  });
});
