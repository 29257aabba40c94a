import { shiftDecimal } from './decimal.ts';
import { InvalidPriceError } from './invalid-price-error.ts';

/**
 * The price units upstreams use, each as its power-of-ten distance from USD per token.
 * The old system shipped a price a million-fold wrong by normalising twice: normalise exactly
 * once, here, and name the unit at the call site.
 */
export const PRICE_UNITS = {
  /** USD per token (OpenRouter, Vercel, Anannas, Cerebras public, NEAR prompt/completion). */
  'usd-per-token': 0,
  /** USD per 1 000 tokens. */
  'usd-per-1k-tokens': -3,
  /** USD per 1 000 000 tokens (Together, Chutes, HF router, DeepInfra with_meta, NEAR input/output). */
  'usd-per-1m-tokens': -6,
  /** US cents per token (DeepInfra /models/list). */
  'cents-per-token': -2,
  /** 1/100 US cent per 1M tokens, integers (xAI: 30000 = $3.00/M). */
  'hundredth-cents-per-1m-tokens': -10,
  /** 1/10 000 USD per 1M tokens, integers (Novita: 3900 = $0.39/M). */
  'ten-thousandth-usd-per-1m-tokens': -10,
  /** A flat price in USD (per request or per image): unchanged. */
  usd: 0,
  /** A flat price in US cents (per request or per image). */
  cents: -2,
  /** A flat price in 1/100 US cent (xAI images: 700 = $0.07). */
  'hundredth-cents': -4,
} as const;

export type PriceUnit = keyof typeof PRICE_UNITS;

/**
 * Converts an upstream price to an exact decimal string in USD per token (or per unit for flat
 * prices). An absent price (undefined, null, an empty string) stays absent: it is never invented.
 * A price that is there but is not a non-negative number (`-0.5`, `"n/a"`) is bad upstream data:
 * an InvalidPriceError, so mapEntries skips the entry and counts it instead of publishing a model
 * without its price. Sentinels a provider documents (OpenRouter's `-1` for dynamic routers) are
 * the provider's to handle before calling this.
 */
export function normalizePrice(value: unknown, unit: PriceUnit): string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  const price =
    typeof value === 'string' || typeof value === 'number' ? shiftDecimal(value, PRICE_UNITS[unit]) : undefined;
  if (price === undefined) throw new InvalidPriceError(value, unit);
  return price;
}
