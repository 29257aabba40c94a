import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type AIHubMixSettings = ProviderSettings;

/** AIHubMix: OpenAI-compatible model list. */
export const createAIHubMix = defineProvider<AIHubMixSettings>({
  slug: 'aihubmix',
  displayName: 'AIHubMix',
  tier: 'low',
  docsUrl: 'https://docs.aihubmix.com/en/api/Models-API',
  auth: { kind: 'header', envVar: 'AIHUBMIX_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://aihubmix.com',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads AIHUBMIX_API_KEY when it fetches. */
export const aIHubMix = /* @__PURE__ */ createAIHubMix();
