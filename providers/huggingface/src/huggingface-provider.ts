import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  cheapestPricing,
  defineProvider,
  fetchOpenAICompatibleList,
  normalizePrice,
  parseModalities,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { HuggingFaceRouterModel } from './huggingface-api.ts';

export type HuggingFaceSettings = ProviderSettings;

/**
 * Hugging Face Inference Providers (the router): one entry per model, with the inference
 * providers serving it (live or staging), each with its own price (USD per 1M) and context.
 */
export const createHuggingFace = defineProvider<HuggingFaceSettings>({
  slug: 'huggingface',
  displayName: 'Hugging Face Inference Providers',
  tier: 'medium',
  docsUrl: 'https://huggingface.co/docs/inference-providers/index',
  auth: { kind: 'header', envVar: 'HF_TOKEN', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://router.huggingface.co/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { entrySchema: HuggingFaceRouterModel, toModel }),
});

function toModel(entry: HuggingFaceRouterModel): ModelDraft | undefined {
  const live = (entry.providers ?? []).filter((p) => (p.status ?? 'live') === 'live');
  if (entry.providers && live.length === 0) return undefined; // staging only: not callable yet
  const input = parseModalities(entry.architecture?.input_modalities);
  const contexts = live.map((p) => p.context_length ?? 0).filter((n) => n > 0);
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    kind: 'chat',
    contextLength: contexts.length > 0 ? Math.max(...contexts) : undefined,
    pricing: cheapestPricing(
      live.map((p) => ({
        prompt: normalizePrice(p.pricing?.input, 'usd-per-1m-tokens'),
        completion: normalizePrice(p.pricing?.output, 'usd-per-1m-tokens'),
      })),
    ),
    inputModalities: input,
    outputModalities: parseModalities(entry.architecture?.output_modalities),
    capabilities: live.length
      ? {
          tools: live.some((p) => p.supports_tools === true),
          structuredOutput: live.some((p) => p.supports_structured_output === true),
          vision: input?.includes('image') ?? false,
        }
      : undefined,
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: HF_TOKEN is optional for the list. */
export const huggingFace = /* @__PURE__ */ createHuggingFace();
