import { describe, expect, it } from 'vitest';
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

  it('keeps free models free and leaves unknown prices absent', () => {
    expect(normalizePrice('0', 'usd-per-token')).toBe('0');
    expect(normalizePrice('-1', 'usd-per-token')).toBeUndefined();
    expect(normalizePrice(undefined, 'usd-per-token')).toBeUndefined();
    expect(normalizePrice(null, 'usd-per-token')).toBeUndefined();
    expect(normalizePrice('n/a', 'usd-per-token')).toBeUndefined();
  });
});
