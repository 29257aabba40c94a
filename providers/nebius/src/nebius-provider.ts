import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  capabilitiesFromFeatures,
  defineProvider,
  fetchOpenAICompatibleList,
  kindFromModelId,
  nonEmpty,
  normalizePrice,
  parseModalityArrow,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { NebiusModel } from './nebius-api.ts';

export type NebiusSettings = ProviderSettings;

/** Nebius AI Studio (Token Factory): the verbose list adds names, context, modality and USD-per-token prices. */
export const createNebius = defineProvider<NebiusSettings>({
  slug: 'nebius',
  displayName: 'Nebius AI Studio',
  tier: 'medium',
  docsUrl: 'https://docs.nebius.com/studio/inference/api',
  auth: { kind: 'header', envVar: 'NEBIUS_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.tokenfactory.nebius.com/v1',
  fetchModels: (ctx) =>
    fetchOpenAICompatibleList(ctx, { request: { query: { verbose: true } }, entrySchema: NebiusModel, toModel }),
});

function toModel(entry: NebiusModel): ModelDraft {
  const guessed = kindFromModelId(entry.id);
  const arrow = parseModalityArrow(entry.architecture?.modality);
  const input = arrow.input ?? guessed.inputModalities;
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    name: nonEmpty(entry.name),
    description: nonEmpty(entry.description),
    kind: arrow.output?.includes('embedding') ? 'embedding' : guessed.kind,
    contextLength: positiveInt(entry.context_length),
    pricing: {
      prompt: normalizePrice(entry.pricing?.prompt, 'usd-per-token'),
      completion: normalizePrice(entry.pricing?.completion, 'usd-per-token'),
    },
    inputModalities: input,
    outputModalities: arrow.output ?? guessed.outputModalities,
    capabilities: capabilitiesFromFeatures(entry.supported_features, input),
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: reads NEBIUS_API_KEY when it fetches. */
export const nebius = /* @__PURE__ */ createNebius();
