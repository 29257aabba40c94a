import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type OpenAISettings = ProviderSettings;

/** OpenAI: OpenAI-compatible model list. */
export const createOpenAI = defineProvider<OpenAISettings>({
  slug: 'openai',
  displayName: 'OpenAI',
  tier: 'medium',
  docsUrl: 'https://platform.openai.com/docs/api-reference/models/list',
  auth: { kind: 'header', envVar: 'OPENAI_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.openai.com/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads OPENAI_API_KEY when it fetches. */
export const openAI = /* @__PURE__ */ createOpenAI();
