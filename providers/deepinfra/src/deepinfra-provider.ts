import type { Modality, ModelKind, ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  defineProvider,
  mapEntries,
  nonEmpty,
  normalizePrice,
  parseEnvelope,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { DeepInfraModel, DeepInfraModelList } from './deepinfra-api.ts';

export type DeepInfraSettings = ProviderSettings;

const TYPES: Record<string, { kind: ModelKind; input: Modality[]; output: Modality[] }> = {
  'text-generation': { kind: 'chat', input: ['text'], output: ['text'] },
  embeddings: { kind: 'embedding', input: ['text'], output: ['embedding'] },
  'text-to-image': { kind: 'image', input: ['text'], output: ['image'] },
  'automatic-speech-recognition': { kind: 'transcription', input: ['audio'], output: ['text'] },
  'text-to-speech': { kind: 'speech', input: ['text'], output: ['audio'] },
  'text-classification': { kind: 'moderation', input: ['text'], output: ['text'] },
  'text-to-video': { kind: 'video', input: ['text'], output: ['video'] },
};

/** DeepInfra: the native public list of every model type, prices in US cents per token (or per image). */
export const createDeepInfra = defineProvider<DeepInfraSettings>({
  slug: 'deepinfra',
  displayName: 'DeepInfra',
  tier: 'high',
  docsUrl: 'https://deepinfra.com/docs/advanced/list-models',
  auth: { kind: 'header', envVar: 'DEEPINFRA_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://api.deepinfra.com',
  async fetchModels(ctx) {
    const response = await ctx.http.getJson('/models/list');
    const entries = parseEnvelope(ctx.provider, response, DeepInfraModelList, 'a JSON array of models');
    return mapEntries(ctx.provider, entries, DeepInfraModel, toModel);
  },
});

function toModel(entry: DeepInfraModel): ModelDraft {
  const type = entry.type ? TYPES[entry.type] : undefined;
  const pricing = entry.pricing;
  const tags = new Set(entry.tags ?? []);
  const vision = tags.has('vision');
  return {
    id: entry.model_name,
    canonicalId: canonicalModelId(entry.model_name),
    description: nonEmpty(entry.description),
    kind: type?.kind ?? (entry.type ? 'other' : undefined),
    contextLength: positiveInt(entry.max_tokens),
    pricing: {
      prompt: normalizePrice(pricing?.cents_per_input_token, 'cents-per-token'),
      completion: normalizePrice(pricing?.cents_per_output_token, 'cents-per-token'),
      cacheRead: normalizePrice(pricing?.rate_per_input_token_cached, 'cents-per-token'),
      image: normalizePrice(pricing?.cents_per_image_unit, 'cents'),
    },
    inputModalities: type ? (vision ? [...type.input, 'image'] : type.input) : undefined,
    outputModalities: type?.output,
    capabilities:
      type?.kind === 'chat' && entry.tags
        ? { vision, tools: tags.has('tools') || tags.has('function-calling') }
        : undefined,
    deprecatedAt: toIsoTimestamp(entry.deprecated),
  };
}

/** The default instance: DEEPINFRA_API_KEY is optional for the list. */
export const deepInfra = /* @__PURE__ */ createDeepInfra();
