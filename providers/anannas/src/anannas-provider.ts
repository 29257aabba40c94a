import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  capabilitiesFromFeatures,
  defineProvider,
  fetchOpenAICompatibleList,
  kindFromModelId,
  nonEmpty,
  normalizePrice,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { AnannasModel } from './anannas-api.ts';

export type AnannasSettings = ProviderSettings;

/** Anannas AI: `{ data: [...] }` of `provider/model` ids, prices in USD per token strings, capability list. */
export const createAnannas = defineProvider<AnannasSettings>({
  slug: 'anannas',
  displayName: 'Anannas AI',
  tier: 'low',
  docsUrl: 'https://docs.anannas.ai',
  auth: { kind: 'header', envVar: 'ANANNAS_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.anannas.ai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { entrySchema: AnannasModel, toModel }),
});

function toModel(entry: AnannasModel): ModelDraft {
  const capabilities = capabilitiesFromFeatures(entry.capabilities);
  const vision = capabilities?.vision ?? false;
  const { kind, inputModalities, outputModalities } = kindFromModelId(entry.id);
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id, entry.provider ? { author: entry.provider } : {}),
    name: nonEmpty(entry.name),
    description: nonEmpty(entry.description),
    kind,
    contextLength: positiveInt(entry.context_length),
    pricing: {
      prompt: normalizePrice(entry.pricing?.prompt, 'usd-per-token'),
      completion: normalizePrice(entry.pricing?.completion, 'usd-per-token'),
      request: normalizePrice(entry.pricing?.request, 'usd'),
    },
    inputModalities: vision ? ['text', 'image'] : inputModalities,
    outputModalities,
    capabilities,
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: reads ANANNAS_API_KEY when it fetches. */
export const anannas = /* @__PURE__ */ createAnannas();
