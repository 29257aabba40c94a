import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  capabilitiesFromFeatures,
  collectPages,
  defineProvider,
  mapEntries,
  nonEmpty,
  normalizePrice,
  parseEnvelope,
  parseModalities,
  parseModalityArrow,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
  type PriceUnit,
} from '@catalog/provider-utils';
import { OpenRouterModel, OpenRouterModelList } from './openrouter-api.ts';

export type OpenRouterSettings = ProviderSettings;

/** OpenRouter: public model list (a key is optional), prices in USD per token as strings. */
export const createOpenRouter = defineProvider<OpenRouterSettings>({
  slug: 'openrouter',
  displayName: 'OpenRouter',
  tier: 'high',
  docsUrl: 'https://openrouter.ai/docs/api-reference/list-available-models',
  auth: { kind: 'header', envVar: 'OPENROUTER_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://openrouter.ai/api/v1',
  async fetchModels(ctx) {
    const entries = await collectPages<unknown>({
      provider: ctx.provider,
      url: '/models',
      fetchPage: async (next) => {
        const response = await ctx.http.getJson(typeof next === 'string' ? next : '/models');
        const page = parseEnvelope(ctx.provider, response, OpenRouterModelList, '{ data: [...] }');
        return { items: page.data, next: page.links?.next ?? undefined };
      },
    });
    return mapEntries(ctx.provider, entries, OpenRouterModel, toModel);
  },
});

/** `"-1"` marks a price decided per request (dynamic routers such as openrouter/auto): unknown, not negative. */
function price(value: unknown, unit: PriceUnit): string | undefined {
  return value === '-1' || value === -1 ? undefined : normalizePrice(value, unit);
}

function toModel(entry: OpenRouterModel): ModelDraft {
  const arrow = parseModalityArrow(entry.architecture?.modality);
  const input = parseModalities(entry.architecture?.input_modalities) ?? arrow.input;
  const output = parseModalities(entry.architecture?.output_modalities) ?? arrow.output;
  const pricing = entry.pricing;
  const canonicalSlug = nonEmpty(entry.canonical_slug);
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    name: nonEmpty(entry.name),
    description: nonEmpty(entry.description),
    kind: output?.includes('text') ? 'chat' : output?.includes('image') ? 'image' : undefined,
    // The model's own context, not one endpoint's (top_provider).
    contextLength: positiveInt(entry.context_length) ?? positiveInt(entry.top_provider?.context_length),
    maxOutputTokens: positiveInt(entry.top_provider?.max_completion_tokens),
    pricing: {
      prompt: price(pricing?.prompt, 'usd-per-token'),
      completion: price(pricing?.completion, 'usd-per-token'),
      request: price(pricing?.request, 'usd'),
      image: price(pricing?.image, 'usd'),
      cacheRead: price(pricing?.input_cache_read, 'usd-per-token'),
      cacheWrite: price(pricing?.input_cache_write, 'usd-per-token'),
    },
    inputModalities: input,
    outputModalities: output,
    capabilities: capabilitiesFromFeatures(entry.supported_parameters, input),
    aliases: canonicalSlug && canonicalSlug !== entry.id ? [canonicalSlug] : undefined,
    created: toIsoTimestamp(entry.created),
    expiresAt: toIsoTimestamp(entry.expiration_date),
  };
}

/** The default instance: reads OPENROUTER_API_KEY (optional) when it fetches. */
export const openrouter = /* @__PURE__ */ createOpenRouter();
