import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  defineProvider,
  fetchOpenAICompatibleList,
  kindFromModelId,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { GroqModel } from './groq-api.ts';

export type GroqSettings = ProviderSettings;

/** Groq: OpenAI-compatible list with context windows; inactive models are left out. No prices in the API. */
export const createGroq = defineProvider<GroqSettings>({
  slug: 'groq',
  displayName: 'Groq',
  tier: 'medium',
  docsUrl: 'https://console.groq.com/docs/api-reference#models-list',
  auth: { kind: 'header', envVar: 'GROQ_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.groq.com/openai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { entrySchema: GroqModel, toModel }),
});

function toModel(entry: GroqModel): ModelDraft | undefined {
  if (entry.active === false) return undefined;
  const { kind, inputModalities, outputModalities } = kindFromModelId(entry.id);
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    kind,
    contextLength: positiveInt(entry.context_window),
    maxOutputTokens: positiveInt(entry.max_completion_tokens),
    inputModalities,
    outputModalities,
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: reads GROQ_API_KEY when it fetches. */
export const groq = /* @__PURE__ */ createGroq();
