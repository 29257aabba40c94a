export { defineProvider, type ProviderDefinition, type ProviderFactory } from './define-provider.ts';
export { createHttpClient, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, type HttpClientOptions } from './http-client.ts';
export { resolveApiKey } from './resolve-api-key.ts';
export { noopLogger } from './noop-logger.ts';
export { joinUrl, redactUrl } from './join-url.ts';
export { parseRetryAfter } from './retry-after.ts';
export { parseRateLimitReset } from './rate-limit-reset.ts';
export { parseEnvelope, summarizeIssues } from './parse-envelope.ts';
export { mapEntries, type ModelDraft } from './map-entries.ts';
export { compact } from './compact.ts';
export { collectPages, type CollectPagesOptions, type Page } from './collect-pages.ts';
export { nextLinkFromHeader } from './link-header.ts';
export { shiftDecimal } from './decimal.ts';
export { normalizePrice, PRICE_UNITS, type PriceUnit } from './normalize-price.ts';
export { InvalidPriceError } from './invalid-price-error.ts';
export {
  AUTHOR_ALIASES,
  canonicalModelId,
  isDatedSnapshot,
  KNOWN_EQUIVALENTS,
  type CanonicalIdOptions,
} from './canonical-model-id.ts';
export { MODEL_FAMILIES, modelFamilyOf, type ModelFamily } from './model-families.ts';
export { nonEmpty, parseModalities, parseModalityArrow, positiveInt, toIsoTimestamp } from './field-readers.ts';
export {
  basicOpenAIModel,
  fetchOpenAICompatibleList,
  OpenAIModelEntry,
  type OpenAICompatibleListOptions,
} from './openai-compatible-list.ts';
export { kindFromModelId, type KindFromModelId } from './kind-from-model-id.ts';
export { compareDecimal, compareOptionalDecimal } from './decimal-compare.ts';
export { cheapestPricing } from './cheapest-pricing.ts';
export { capabilitiesFromFeatures } from './capabilities-from-features.ts';
export { modalitiesOfKind } from './modalities-of-kind.ts';
