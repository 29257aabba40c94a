import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type TogetherSettings = ProviderSettings;

/** Together AI: OpenAI-compatible model list. */
export const createTogether = defineProvider<TogetherSettings>({
  slug: 'together',
  displayName: 'Together AI',
  tier: 'high',
  docsUrl: 'https://docs.together.ai/reference/models-1',
  auth: { kind: 'header', envVar: 'TOGETHER_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.together.xyz/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads TOGETHER_API_KEY when it fetches. */
export const together = /* @__PURE__ */ createTogether();
