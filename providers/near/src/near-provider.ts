import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  capabilitiesFromFeatures,
  defineProvider,
  fetchOpenAICompatibleList,
  nonEmpty,
  normalizePrice,
  parseModalities,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { NearModel } from './near-api.ts';

export type NearSettings = ProviderSettings;

/** NEAR AI Cloud: public list; per-token price strings preferred, per-1M floats as fallback. */
export const createNear = defineProvider<NearSettings>({
  slug: 'near',
  displayName: 'NEAR AI Cloud',
  tier: 'medium',
  docsUrl: 'https://docs.near.ai/cloud/',
  auth: { kind: 'header', envVar: 'NEARAI_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://cloud-api.near.ai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { entrySchema: NearModel, toModel }),
});

function toModel(entry: NearModel): ModelDraft {
  const pricing = entry.pricing;
  const input = parseModalities(entry.input_modalities);
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.hugging_face_id ?? entry.id),
    name: nonEmpty(entry.name),
    contextLength: positiveInt(entry.context_length),
    maxOutputTokens: positiveInt(entry.max_output_length),
    pricing: {
      prompt: normalizePrice(pricing?.prompt, 'usd-per-token') ?? normalizePrice(pricing?.input, 'usd-per-1m-tokens'),
      completion:
        normalizePrice(pricing?.completion, 'usd-per-token') ?? normalizePrice(pricing?.output, 'usd-per-1m-tokens'),
      image: normalizePrice(pricing?.image, 'usd'),
      request: normalizePrice(pricing?.request, 'usd'),
    },
    inputModalities: input,
    outputModalities: parseModalities(entry.output_modalities),
    capabilities: capabilitiesFromFeatures(entry.supported_features, input),
    created: toIsoTimestamp(entry.created),
    deprecatedAt: toIsoTimestamp(entry.deprecation_date),
  };
}

/** The default instance: NEARAI_API_KEY is optional for the list. */
export const near = /* @__PURE__ */ createNear();
