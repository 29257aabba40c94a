import type { ModelKind, Modality, ProviderSettings } from '@catalog/provider-contract';
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
import { TogetherModel, TogetherModelList } from './together-api.ts';

export type TogetherSettings = ProviderSettings;

const KINDS: Record<string, { kind: ModelKind; input: Modality[]; output: Modality[] }> = {
  chat: { kind: 'chat', input: ['text'], output: ['text'] },
  language: { kind: 'completion', input: ['text'], output: ['text'] },
  code: { kind: 'completion', input: ['text'], output: ['text'] },
  image: { kind: 'image', input: ['text'], output: ['image'] },
  embedding: { kind: 'embedding', input: ['text'], output: ['embedding'] },
  moderation: { kind: 'moderation', input: ['text'], output: ['text'] },
  rerank: { kind: 'rerank', input: ['text'], output: ['text'] },
  audio: { kind: 'speech', input: ['text'], output: ['audio'] },
  transcribe: { kind: 'transcription', input: ['audio'], output: ['text'] },
};

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
  const type = entry.type ? KINDS[entry.type] : undefined;
  const priced = entry.pricing && (entry.pricing.input ?? 0) + (entry.pricing.output ?? 0) > 0;
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    name: nonEmpty(entry.display_name),
    kind: type?.kind ?? (entry.type ? 'other' : undefined),
    contextLength: positiveInt(entry.context_length),
    // All-zero pricing means "not priced per token" (e.g. dedicated-only): unknown, not free.
    pricing: priced
      ? {
          prompt: normalizePrice(entry.pricing?.input, 'usd-per-1m-tokens'),
          completion: normalizePrice(entry.pricing?.output, 'usd-per-1m-tokens'),
        }
      : undefined,
    inputModalities: type?.input,
    outputModalities: type?.output,
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: reads TOGETHER_API_KEY when it fetches. */
export const together = /* @__PURE__ */ createTogether();
