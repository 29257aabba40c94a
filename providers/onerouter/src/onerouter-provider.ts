import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  defineProvider,
  fetchOpenAICompatibleList,
  kindFromModelId,
  nonEmpty,
  normalizePrice,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { OneRouterModel } from './onerouter-api.ts';

export type OneRouterSettings = ProviderSettings;

/** OneRouter (now Infron AI): an OpenAI-style list of `provider/model` ids with routing suffixes. */
export const createOneRouter = defineProvider<OneRouterSettings>({
  slug: 'onerouter',
  displayName: 'OneRouter (Infron AI)',
  tier: 'low',
  docsUrl: 'https://docs.onerouter.pro',
  auth: { kind: 'header', envVar: 'ONEROUTER_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://llm.onerouter.pro/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { entrySchema: OneRouterModel, toModel }),
});

function toModel(entry: OneRouterModel): ModelDraft {
  const { kind, inputModalities, outputModalities } = kindFromModelId(entry.id);
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    name: nonEmpty(entry.name),
    kind,
    contextLength: positiveInt(entry.context_length),
    // Present on some deployments, OpenRouter-style: USD per token strings.
    pricing: {
      prompt: normalizePrice(entry.pricing?.prompt, 'usd-per-token'),
      completion: normalizePrice(entry.pricing?.completion, 'usd-per-token'),
    },
    inputModalities,
    outputModalities,
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: reads ONEROUTER_API_KEY when it fetches. */
export const oneRouter = /* @__PURE__ */ createOneRouter();
