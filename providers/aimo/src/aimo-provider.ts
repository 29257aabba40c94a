import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  cheapestPricing,
  defineProvider,
  fetchOpenAICompatibleList,
  nonEmpty,
  normalizePrice,
  parseModalities,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { AimoModel } from './aimo-api.ts';

export type AimoSettings = ProviderSettings;

/** AIMO Network: a decentralised marketplace; each model lists the providers serving it with their prices. */
export const createAimo = defineProvider<AimoSettings>({
  slug: 'aimo',
  displayName: 'AIMO Network',
  tier: 'medium',
  docsUrl: 'https://docs.aimo.network',
  auth: { kind: 'header', envVar: 'AIMO_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://beta.aimo.network/api/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { entrySchema: AimoModel, toModel }),
});

function toModel(entry: AimoModel): ModelDraft {
  const input = parseModalities(entry.architecture?.input_modalities);
  return {
    id: entry.name,
    canonicalId: canonicalModelId(entry.canonical_slug ?? entry.name),
    name: nonEmpty(entry.display_name),
    kind: 'chat',
    contextLength: positiveInt(entry.context_length),
    pricing: cheapestPricing(
      (entry.providers ?? []).map((p) => ({
        prompt: normalizePrice(p.pricing?.prompt, 'usd-per-token'),
        completion: normalizePrice(p.pricing?.completion, 'usd-per-token'),
      })),
    ),
    inputModalities: input,
    outputModalities: parseModalities(entry.architecture?.output_modalities),
    capabilities: input ? { vision: input.includes('image') } : undefined,
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: reads AIMO_API_KEY when it fetches. */
export const aimo = /* @__PURE__ */ createAimo();
