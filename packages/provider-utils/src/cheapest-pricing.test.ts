import { describe, expect, it } from 'vitest';
import { cheapestPricing } from './cheapest-pricing.ts';

describe('cheapestPricing', () => {
  it('picks the lowest prompt price, then completion, exactly', () => {
    expect(
      cheapestPricing([
        { prompt: '0.0000003', completion: '0.000001' },
        { prompt: '0.00000025', completion: '0.000002' },
        { prompt: '0.00000025', completion: '0.0000015' },
      ]),
    ).toEqual({ prompt: '0.00000025', completion: '0.0000015' });
  });

  it('ignores unpriced candidates and returns undefined when none has a price', () => {
    expect(cheapestPricing([undefined, {}, { completion: '0.1' }])).toEqual({ completion: '0.1' });
    expect(cheapestPricing([undefined, {}])).toBeUndefined();
    expect(cheapestPricing([])).toBeUndefined();
  });
});
