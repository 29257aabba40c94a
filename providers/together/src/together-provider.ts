import type { ModelKind, ModelPricing, ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  defineProvider,
  mapEntries,
  modalitiesOfKind,
  nonEmpty,
  normalizePrice,
  parseEnvelope,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { TogetherModel, TogetherModelList } from './together-api.ts';

export type TogetherSettings = ProviderSettings;

/** Together's `type` values; any other type is kept as "other". */
const KINDS: Record<string, ModelKind> = {
  chat: 'chat',
  language: 'completion',
  code: 'completion',
  image: 'image',
  video: 'video',
  embedding: 'embedding',
  moderation: 'moderation',
  rerank: 'rerank',
  audio: 'speech',
  transcribe: 'transcription',
};

/** Kinds priced per token; audio (per character or minute), image and video prices are not per token. */
const TOKEN_PRICED = new Set<ModelKind | undefined>([
  undefined,
  'chat',
  'completion',
  'embedding',
  'moderation',
  'rerank',
]);

/** Serverless "-Free" endpoints (e.g. Llama-3.3-70B-Instruct-Turbo-Free) really cost nothing. */
const FREE_ENDPOINT = /-free$/i;

/** Together AI: a bare array of models of every type, prices in USD per 1M tokens. */
export const createTogether = defineProvider<TogetherSettings>({
  slug: 'together',
  displayName: 'Together AI',
  tier: 'high',
  docsUrl: 'https://docs.together.ai/reference/models-1',
  auth: { kind: 'header', envVar: 'TOGETHER_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.together.xyz/v1',
  async fetchModels(ctx) {
    const response = await ctx.http.getJson('/models');
    const entries = parseEnvelope(ctx.provider, response, TogetherModelList, 'a JSON array of models');
    return mapEntries(ctx.provider, entries, TogetherModel, toModel);
  },
});

function toModel(entry: TogetherModel): ModelDraft {
  const kind = entry.type ? (KINDS[entry.type] ?? 'other') : undefined;
  const modalities = modalitiesOfKind(kind);
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    name: nonEmpty(entry.display_name),
    kind,
    contextLength: positiveInt(entry.context_length),
    pricing: TOKEN_PRICED.has(kind) ? pricingOf(entry) : undefined,
    inputModalities: modalities?.input,
    outputModalities: modalities?.output,
    created: toIsoTimestamp(entry.created),
  };
}

/**
 * Per-token prices in USD per 1M. Input and output both 0 means "not priced per token" (e.g.
 * dedicated-endpoint-only models): unknown, not free; except on "-Free" serverless endpoints.
 */
function pricingOf(entry: TogetherModel): ModelPricing | undefined {
  const prompt = normalizePrice(entry.pricing?.input, 'usd-per-1m-tokens');
  const completion = normalizePrice(entry.pricing?.output, 'usd-per-1m-tokens');
  const unpriced = (prompt ?? '0') === '0' && (completion ?? '0') === '0';
  if (unpriced && !FREE_ENDPOINT.test(entry.id)) return undefined;
  return { prompt, completion };
}

/** The default instance: reads TOGETHER_API_KEY when it fetches. */
export const together = /* @__PURE__ */ createTogether();
