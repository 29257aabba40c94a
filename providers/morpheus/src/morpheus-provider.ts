import type { ModelKind, ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  defineProvider,
  mapEntries,
  parseEnvelope,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { MorpheusModel, MorpheusModelList } from './morpheus-api.ts';

export type MorpheusSettings = ProviderSettings;

const KINDS: Record<string, ModelKind> = {
  LLM: 'chat',
  EMBEDDINGS: 'embedding',
  EMBEDDING: 'embedding',
  TTS: 'speech',
  STT: 'transcription',
  IMAGE: 'image',
};

/** Morpheus (api.mor.org): the decentralised compute marketplace's active models; public list. */
export const createMorpheus = defineProvider<MorpheusSettings>({
  slug: 'morpheus',
  displayName: 'Morpheus (mor.org)',
  tier: 'low',
  docsUrl: 'https://apidocs.mor.org',
  auth: { kind: 'header', envVar: 'MORPHEUS_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://api.mor.org/api/v1',
  async fetchModels(ctx) {
    const response = await ctx.http.getJson('/models');
    const list = parseEnvelope(ctx.provider, response, MorpheusModelList, '{ object: "list", data: [...] }');
    return mapEntries(ctx.provider, list.data, MorpheusModel, toModel);
  },
});

function toModel(entry: MorpheusModel): ModelDraft {
  const tags = new Set((entry.tags ?? []).map((t) => t.toLowerCase()));
  const kind = entry.modelType ? (KINDS[entry.modelType.toUpperCase()] ?? 'other') : undefined;
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    kind,
    outputModalities: kind === 'embedding' ? ['embedding'] : kind === 'chat' ? ['text'] : undefined,
    capabilities:
      tags.size > 0
        ? {
            ...(tags.has('tools') || tags.has('function-calling') ? { tools: true } : {}),
            ...(tags.has('reasoning') ? { reasoning: true } : {}),
            ...(tags.has('vision') ? { vision: true } : {}),
          }
        : undefined,
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: MORPHEUS_API_KEY is optional for the list. */
export const morpheus = /* @__PURE__ */ createMorpheus();
