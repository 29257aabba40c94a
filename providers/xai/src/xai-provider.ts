import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  defineProvider,
  mapEntries,
  normalizePrice,
  parseEnvelope,
  parseModalities,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { XaiLanguageModel, XaiModelList } from './xai-api.ts';

export interface XAISettings extends ProviderSettings {
  /** Also list image-generation models (default true). */
  includeImageModels?: boolean;
}

/**
 * xAI: language models with prices in 1/100 US cent per 1M tokens (30000 = $3.00/M) and aliases,
 * plus image-generation models. The list depends on the key's access.
 */
export const createXAI = defineProvider<XAISettings>({
  slug: 'xai',
  displayName: 'xAI',
  tier: 'medium',
  docsUrl: 'https://docs.x.ai/docs/api-reference#list-language-models',
  auth: { kind: 'header', envVar: 'XAI_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.x.ai/v1',
  async fetchModels(ctx, settings) {
    const language = parseEnvelope(
      ctx.provider,
      await ctx.http.getJson('/language-models'),
      XaiModelList,
      '{ models: [...] }',
    );
    const result = mapEntries(ctx.provider, language.models, XaiLanguageModel, toLanguageModel);
    if (settings.includeImageModels === false) return result;
    const images = parseEnvelope(
      ctx.provider,
      await ctx.http.getJson('/image-generation-models'),
      XaiModelList,
      '{ models: [...] }',
    );
    const imageResult = mapEntries(ctx.provider, images.models, XaiLanguageModel, toImageModel);
    return { models: [...result.models, ...imageResult.models], skipped: [...result.skipped, ...imageResult.skipped] };
  },
});

function toLanguageModel(entry: XaiLanguageModel): ModelDraft {
  const input = parseModalities(entry.input_modalities);
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id, { author: 'x-ai' }),
    kind: 'chat',
    pricing: {
      prompt: normalizePrice(entry.prompt_text_token_price, 'hundredth-cents-per-1m-tokens'),
      completion: normalizePrice(entry.completion_text_token_price, 'hundredth-cents-per-1m-tokens'),
      cacheRead: normalizePrice(entry.cached_prompt_text_token_price, 'hundredth-cents-per-1m-tokens'),
    },
    inputModalities: input,
    outputModalities: parseModalities(entry.output_modalities),
    capabilities: input ? { vision: input.includes('image') } : undefined,
    aliases: entry.aliases?.filter((alias) => alias !== entry.id),
    created: toIsoTimestamp(entry.created),
  };
}

function toImageModel(entry: XaiLanguageModel): ModelDraft {
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id, { author: 'x-ai' }),
    kind: 'image',
    pricing: { image: normalizePrice(entry.image_price, 'hundredth-cents') },
    inputModalities: parseModalities(entry.input_modalities) ?? ['text'],
    outputModalities: ['image'],
    aliases: entry.aliases?.filter((alias) => alias !== entry.id),
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: reads XAI_API_KEY when it fetches. */
export const xai = /* @__PURE__ */ createXAI();
