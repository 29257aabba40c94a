import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type XAISettings = ProviderSettings;

/** xAI: OpenAI-compatible model list. */
export const createXAI = defineProvider<XAISettings>({
  slug: 'xai',
  displayName: 'xAI',
  tier: 'medium',
  docsUrl: 'https://docs.x.ai/docs/api-reference#list-language-models',
  auth: { kind: 'header', envVar: 'XAI_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.x.ai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads XAI_API_KEY when it fetches. */
export const xAI = /* @__PURE__ */ createXAI();
