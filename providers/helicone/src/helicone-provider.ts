import type { ModelPricing, ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  capabilitiesFromFeatures,
  cheapestPricing,
  defineProvider,
  mapEntries,
  nonEmpty,
  normalizePrice,
  parseEnvelope,
  parseModalities,
  positiveInt,
  type ModelDraft,
} from '@catalog/provider-utils';
import { HeliconeModel, HeliconeRegistry } from './helicone-api.ts';

export type HeliconeSettings = ProviderSettings;

/** Helicone AI Gateway: the public model registry, one entry per model with per-endpoint prices (USD per 1M). */
export const createHelicone = defineProvider<HeliconeSettings>({
  slug: 'helicone',
  displayName: 'Helicone',
  tier: 'low',
  docsUrl: 'https://docs.helicone.ai/gateway/overview',
  auth: { kind: 'none' },
  defaultBaseURL: 'https://api.helicone.ai',
  async fetchModels(ctx) {
    const response = await ctx.http.getJson('/v1/public/model-registry/models');
    const registry = parseEnvelope(ctx.provider, response, HeliconeRegistry, '{ data: { models: [...] } }');
    return mapEntries(ctx.provider, registry.data.models, HeliconeModel, toModel);
  },
});

function toModel(entry: HeliconeModel): ModelDraft {
  const input = parseModalities(entry.inputModalities);
  const prices: ModelPricing[] = (entry.endpoints ?? []).map((endpoint) => ({
    prompt: normalizePrice(endpoint.pricing?.prompt, 'usd-per-1m-tokens'),
    completion: normalizePrice(endpoint.pricing?.completion, 'usd-per-1m-tokens'),
    cacheRead: normalizePrice(endpoint.pricing?.cacheRead, 'usd-per-1m-tokens'),
    cacheWrite: normalizePrice(endpoint.pricing?.cacheWrite, 'usd-per-1m-tokens'),
  }));
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id, entry.author ? { author: entry.author } : {}),
    name: nonEmpty(entry.name),
    description: nonEmpty(entry.description),
    kind: 'chat',
    contextLength: positiveInt(entry.contextLength),
    maxOutputTokens: positiveInt(entry.maxOutput),
    pricing: cheapestPricing(prices),
    inputModalities: input,
    outputModalities: parseModalities(entry.outputModalities),
    capabilities: capabilitiesFromFeatures(entry.supportedParameters, input),
  };
}

/** The default instance (public registry, no key). */
export const helicone = /* @__PURE__ */ createHelicone();
