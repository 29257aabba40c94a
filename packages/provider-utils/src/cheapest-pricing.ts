import type { ModelPricing } from '@catalog/provider-contract';
import { compareOptionalDecimal } from './decimal-compare.ts';

/**
 * The cheapest of several prices for one model (e.g. one per hosting endpoint): lowest prompt
 * price, then lowest completion price, compared exactly. Undefined when none has a price.
 */
export function cheapestPricing(candidates: readonly (ModelPricing | undefined)[]): ModelPricing | undefined {
  let best: ModelPricing | undefined;
  for (const candidate of candidates) {
    if (!candidate || (candidate.prompt === undefined && candidate.completion === undefined)) continue;
    if (
      !best ||
      (compareOptionalDecimal(candidate.prompt, best.prompt) ||
        compareOptionalDecimal(candidate.completion, best.completion)) < 0
    ) {
      best = candidate;
    }
  }
  return best;
}
