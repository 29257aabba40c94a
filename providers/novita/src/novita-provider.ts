import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  capabilitiesFromFeatures,
  defineProvider,
  fetchOpenAICompatibleList,
  kindFromModelId,
  nonEmpty,
  normalizePrice,
  parseModalities,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { NovitaModel } from './novita-api.ts';

export type NovitaSettings = ProviderSettings;

/** Novita AI: OpenAI-style list with integer prices in 1/10 000 USD per 1M tokens. */
export const createNovita = defineProvider<NovitaSettings>({
  slug: 'novita',
  displayName: 'Novita AI',
  tier: 'medium',
  docsUrl: 'https://novita.ai/docs/api-reference/model-apis-llm-list-models',
  auth: { kind: 'header', envVar: 'NOVITA_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.novita.ai/openai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { entrySchema: NovitaModel, toModel }),
});

function toModel(entry: NovitaModel): ModelDraft {
  const guessed = kindFromModelId(entry.id);
  const embedding = entry.model_type === 'embedding';
  const input = parseModalities(entry.input_modalities) ?? guessed.inputModalities;
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    name: nonEmpty(entry.title),
    description: nonEmpty(entry.description),
    kind: embedding ? 'embedding' : guessed.kind,
    contextLength: positiveInt(entry.context_size),
    maxOutputTokens: positiveInt(entry.max_output_tokens),
    pricing: {
      prompt: normalizePrice(entry.input_token_price_per_m, 'ten-thousandth-usd-per-1m-tokens'),
      completion: normalizePrice(entry.output_token_price_per_m, 'ten-thousandth-usd-per-1m-tokens'),
    },
    inputModalities: input,
    outputModalities:
      parseModalities(entry.output_modalities) ?? (embedding ? ['embedding'] : guessed.outputModalities),
    capabilities: capabilitiesFromFeatures(entry.features, input),
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: reads NOVITA_API_KEY when it fetches. */
export const novita = /* @__PURE__ */ createNovita();
