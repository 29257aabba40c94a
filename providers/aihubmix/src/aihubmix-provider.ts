import type { ModelKind, ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  capabilitiesFromFeatures,
  defineProvider,
  mapEntries,
  modalitiesOfKind,
  nonEmpty,
  normalizePrice,
  parseEnvelope,
  parseModalities,
  positiveInt,
  type ModelDraft,
} from '@catalog/provider-utils';
import { AIHubMixModel, AIHubMixModelList } from './aihubmix-api.ts';

export type AIHubMixSettings = ProviderSettings;

const KINDS: Record<string, ModelKind> = {
  llm: 'chat',
  image_generation: 'image',
  video: 'video',
  embedding: 'embedding',
  rerank: 'rerank',
  tts: 'speech',
  stt: 'transcription',
};

const list = (value: string | null | undefined) =>
  new Set(
    (value ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter(Boolean),
  );

/** AIHubMix: the public rich list; comma-separated types/features/modalities, prices in USD per 1M tokens. */
export const createAIHubMix = defineProvider<AIHubMixSettings>({
  slug: 'aihubmix',
  displayName: 'AIHubMix',
  tier: 'low',
  docsUrl: 'https://docs.aihubmix.com/en/api/Models-API',
  auth: { kind: 'header', envVar: 'AIHUBMIX_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://aihubmix.com',
  async fetchModels(ctx) {
    const response = await ctx.http.getJson('/api/v1/models');
    const body = parseEnvelope(ctx.provider, response, AIHubMixModelList, '{ success, data: [...] }');
    return mapEntries(ctx.provider, body.data, AIHubMixModel, toModel);
  },
});

function toModel(entry: AIHubMixModel): ModelDraft {
  const types = list(entry.types);
  const features = list(entry.features);
  const kind = [...types].map((t) => KINDS[t]).find(Boolean) ?? (types.size > 0 ? 'other' : undefined);
  const input = parseModalities(entry.input_modalities);
  return {
    id: entry.model_id,
    canonicalId: canonicalModelId(entry.model_id),
    description: nonEmpty(entry.desc),
    kind,
    contextLength: positiveInt(entry.context_length),
    maxOutputTokens: positiveInt(entry.max_output),
    pricing: {
      prompt: normalizePrice(entry.pricing?.input, 'usd-per-1m-tokens'),
      completion: normalizePrice(entry.pricing?.output, 'usd-per-1m-tokens'),
      cacheRead: normalizePrice(entry.pricing?.cache_read, 'usd-per-1m-tokens'),
      cacheWrite: normalizePrice(entry.pricing?.cache_write, 'usd-per-1m-tokens'),
    },
    inputModalities: input,
    outputModalities: modalitiesOfKind(kind)?.output,
    capabilities: kind === 'chat' ? capabilitiesFromFeatures([...features], input) : undefined,
  };
}

/** The default instance: AIHUBMIX_API_KEY is optional for the rich list. */
export const aiHubMix = /* @__PURE__ */ createAIHubMix();
