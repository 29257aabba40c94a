import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  capabilitiesFromFeatures,
  defineProvider,
  fetchOpenAICompatibleList,
  normalizePrice,
  parseModalities,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { ChutesModel } from './chutes-api.ts';

export type ChutesSettings = ProviderSettings;

/** Chutes: public list with prices in USD per 1M tokens, context, modalities and features. */
export const createChutes = defineProvider<ChutesSettings>({
  slug: 'chutes',
  displayName: 'Chutes',
  tier: 'medium',
  docsUrl: 'https://chutes.ai/docs',
  auth: { kind: 'header', envVar: 'CHUTES_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://llm.chutes.ai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { entrySchema: ChutesModel, toModel }),
});

function toModel(entry: ChutesModel): ModelDraft {
  const input = parseModalities(entry.input_modalities);
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.root ?? entry.id),
    kind: 'chat',
    contextLength: positiveInt(entry.context_length) ?? positiveInt(entry.max_model_len),
    maxOutputTokens: positiveInt(entry.max_output_length),
    pricing: {
      prompt: normalizePrice(entry.pricing?.prompt, 'usd-per-1m-tokens'),
      completion: normalizePrice(entry.pricing?.completion, 'usd-per-1m-tokens'),
      cacheRead: normalizePrice(entry.pricing?.input_cache_read, 'usd-per-1m-tokens'),
    },
    inputModalities: input,
    outputModalities: parseModalities(entry.output_modalities),
    capabilities: capabilitiesFromFeatures(entry.supported_features, input),
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: CHUTES_API_KEY is optional for the list. */
export const chutes = /* @__PURE__ */ createChutes();
