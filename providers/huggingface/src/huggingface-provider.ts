import type { ModelPricing, ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  cheapestPricing,
  defineProvider,
  fetchOpenAICompatibleList,
  normalizePrice,
  parseModalities,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { HuggingFaceRouterModel } from './huggingface-api.ts';

export type HuggingFaceSettings = ProviderSettings;

/**
 * Hugging Face Inference Providers (the router): one entry per model, with the inference
 * providers serving it (live or staging), each with its own price (USD per 1M) and context. The
 * record carries one live provider's facts (see chosenOffer), never a mix.
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
  const offer = chosenOffer(live);
  const input = parseModalities(entry.architecture?.input_modalities);
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    // The router lists models for its chat-completion endpoint.
    kind: 'chat',
    contextLength: positiveInt(offer?.provider.context_length),
    pricing: offer?.pricing,
    inputModalities: input,
    outputModalities: parseModalities(entry.architecture?.output_modalities),
    capabilities: offer
      ? {
          tools: offer.provider.supports_tools ?? undefined,
          structuredOutput: offer.provider.supports_structured_output ?? undefined,
          vision: input ? input.includes('image') : undefined,
        }
      : undefined,
    created: toIsoTimestamp(entry.created),
  };
}

type RouterProvider = NonNullable<HuggingFaceRouterModel['providers']>[number];

/**
 * The one inference provider whose facts the record carries, so context, price and capabilities
 * never mix offers: the cheapest live provider with a price (prompt, then completion, compared
 * exactly), else the first live provider the router lists.
 */
function chosenOffer(
  live: readonly RouterProvider[],
): { provider: RouterProvider; pricing?: ModelPricing } | undefined {
  const offers = live.map((provider) => ({
    provider,
    pricing: {
      prompt: normalizePrice(provider.pricing?.input, 'usd-per-1m-tokens'),
      completion: normalizePrice(provider.pricing?.output, 'usd-per-1m-tokens'),
    },
  }));
  const cheapest = cheapestPricing(offers.map((offer) => offer.pricing));
  const chosen = offers.find((offer) => offer.pricing === cheapest);
  if (chosen) return chosen;
  return live[0] ? { provider: live[0] } : undefined;
}

/** The default instance: HF_TOKEN is optional for the list. */
export const huggingFace = /* @__PURE__ */ createHuggingFace();
