import { describe, expect, it } from 'vitest';
import { InvalidPriceError } from './invalid-price-error.ts';
import { normalizePrice } from './normalize-price.ts';

describe('normalizePrice', () => {
  it('converts each documented unit to USD per token exactly once', () => {
    expect(normalizePrice('0.000003', 'usd-per-token')).toBe('0.000003');
    expect(normalizePrice(3, 'usd-per-1m-tokens')).toBe('0.000003');
    expect(normalizePrice(0.003, 'usd-per-1k-tokens')).toBe('0.000003');
    expect(normalizePrice(0.0003, 'cents-per-token')).toBe('0.000003');
    expect(normalizePrice(30000, 'hundredth-cents-per-1m-tokens')).toBe('0.000003');
    expect(normalizePrice(3900, 'ten-thousandth-usd-per-1m-tokens')).toBe('0.00000039');
    expect(normalizePrice('0.04', 'usd')).toBe('0.04');
    expect(normalizePrice(4, 'cents')).toBe('0.04');
    expect(normalizePrice(700, 'hundredth-cents')).toBe('0.07');
  });

  it('keeps free models free and leaves absent prices absent', () => {
    expect(normalizePrice('0', 'usd-per-token')).toBe('0');
    expect(normalizePrice(undefined, 'usd-per-token')).toBeUndefined();
    expect(normalizePrice(null, 'usd-per-token')).toBeUndefined();
    expect(normalizePrice('  ', 'usd-per-token')).toBeUndefined();
  });

  it('refuses a price that is there but not a non-negative number (the entry is then skipped)', () => {
    for (const bad of ['-1', -0.5, 'n/a', Number.NaN, true, {}]) {
      expect(() => normalizePrice(bad, 'usd-per-1m-tokens')).toThrow(InvalidPriceError);
    }
    expect(() => normalizePrice('-0.000003', 'usd-per-token')).toThrow(
      'price "-0.000003" (usd-per-token) is not a non-negative number',
    );
  });
});
