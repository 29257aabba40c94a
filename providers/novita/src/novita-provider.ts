import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type NovitaSettings = ProviderSettings;

/** Novita AI: OpenAI-compatible model list. */
export const createNovita = defineProvider<NovitaSettings>({
  slug: 'novita',
  displayName: 'Novita AI',
  tier: 'medium',
  docsUrl: 'https://novita.ai/docs/api-reference/model-apis-llm-list-models',
  auth: { kind: 'header', envVar: 'NOVITA_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.novita.ai/openai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads NOVITA_API_KEY when it fetches. */
export const novita = /* @__PURE__ */ createNovita();
