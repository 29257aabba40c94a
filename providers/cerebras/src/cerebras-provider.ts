import type { ProviderSettings } from '@catalog/provider-contract';
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
import { CerebrasModel, CerebrasModelList } from './cerebras-api.ts';

export type CerebrasSettings = ProviderSettings;

/** Cerebras: the public rich list (prices in USD per token, limits, capabilities); a key is optional. */
export const createCerebras = defineProvider<CerebrasSettings>({
  slug: 'cerebras',
  displayName: 'Cerebras',
  tier: 'medium',
  docsUrl: 'https://inference-docs.cerebras.ai/api-reference/models',
  auth: { kind: 'header', envVar: 'CEREBRAS_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://api.cerebras.ai',
  async fetchModels(ctx) {
    const response = await ctx.http.getJson('/public/v1/models');
    const list = parseEnvelope(ctx.provider, response, CerebrasModelList, '{ data: [...] }');
    return mapEntries(ctx.provider, list.data, CerebrasModel, toModel);
  },
});

function toModel(entry: CerebrasModel): ModelDraft {
  const caps = entry.capabilities;
  const vision = caps?.vision === true;
  const deprecated = entry.deprecated;
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.hugging_face_id ?? entry.id),
    name: nonEmpty(entry.name),
    description: nonEmpty(entry.description),
    kind: 'chat',
    contextLength: positiveInt(entry.limits?.max_context_length),
    maxOutputTokens: positiveInt(entry.limits?.max_completion_tokens),
    pricing: {
      prompt: normalizePrice(entry.pricing?.prompt, 'usd-per-token'),
      completion: normalizePrice(entry.pricing?.completion, 'usd-per-token'),
    },
    inputModalities: vision ? ['text', 'image'] : ['text'],
    outputModalities: ['text'],
    capabilities: caps
      ? {
          ...(typeof caps.function_calling === 'boolean' ? { tools: caps.function_calling } : {}),
          ...(typeof caps.structured_outputs === 'boolean' ? { structuredOutput: caps.structured_outputs } : {}),
          ...(typeof caps.vision === 'boolean' ? { vision: caps.vision } : {}),
          ...(typeof caps.reasoning === 'boolean' ? { reasoning: caps.reasoning } : {}),
        }
      : undefined,
    created: toIsoTimestamp(entry.created),
    deprecatedAt: typeof deprecated === 'string' ? toIsoTimestamp(deprecated) : undefined,
  };
}

/** The default instance: CEREBRAS_API_KEY is optional for the public list. */
export const cerebras = /* @__PURE__ */ createCerebras();
