import type { ModelKind, ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  defineProvider,
  fetchOpenAICompatibleList,
  modalitiesOfKind,
  nonEmpty,
  normalizePrice,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { VercelModel } from './vercel-ai-gateway-api.ts';

export type VercelAiGatewaySettings = ProviderSettings;

const KINDS: Record<string, ModelKind> = { language: 'chat', embedding: 'embedding', image: 'image', video: 'video' };

/** Vercel AI Gateway: public list with prices in USD per token strings (base tier of tiered prices). */
export const createVercelAiGateway = defineProvider<VercelAiGatewaySettings>({
  slug: 'vercel-ai-gateway',
  displayName: 'Vercel AI Gateway',
  tier: 'low',
  docsUrl: 'https://vercel.com/docs/ai-gateway/models-and-providers',
  auth: { kind: 'none' },
  defaultBaseURL: 'https://ai-gateway.vercel.sh/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { entrySchema: VercelModel, toModel }),
});

function toModel(entry: VercelModel): ModelDraft {
  const kind = entry.type ? KINDS[entry.type] : undefined;
  const tags = new Set(entry.tags ?? []);
  const vision = tags.has('vision') || tags.has('image-input');
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    name: nonEmpty(entry.name),
    description: nonEmpty(entry.description),
    kind,
    contextLength: positiveInt(entry.context_window),
    maxOutputTokens: positiveInt(entry.max_tokens),
    pricing: {
      prompt: normalizePrice(entry.pricing?.input, 'usd-per-token'),
      completion: normalizePrice(entry.pricing?.output, 'usd-per-token'),
      cacheRead: normalizePrice(entry.pricing?.input_cache_read, 'usd-per-token'),
      cacheWrite: normalizePrice(entry.pricing?.input_cache_write, 'usd-per-token'),
      image: normalizePrice(entry.pricing?.image, 'usd'),
    },
    inputModalities: kind === 'chat' && vision ? ['text', 'image'] : modalitiesOfKind(kind)?.input,
    outputModalities: modalitiesOfKind(kind)?.output,
    capabilities:
      kind === 'chat' && entry.tags
        ? { tools: tags.has('tool-use'), vision, reasoning: tags.has('reasoning') }
        : undefined,
    created: toIsoTimestamp(entry.released ?? entry.created),
  };
}

/** The default instance (public list, no key). */
export const vercelAiGateway = /* @__PURE__ */ createVercelAiGateway();
