import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type ZAiSettings = ProviderSettings;

/** Z.ai: OpenAI-compatible model list. */
export const createZAi = defineProvider<ZAiSettings>({
  slug: 'zai',
  displayName: 'Z.ai',
  tier: 'low',
  docsUrl: 'https://docs.z.ai/api-reference/introduction',
  auth: { kind: 'header', envVar: 'ZAI_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.z.ai/api/paas/v4',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads ZAI_API_KEY when it fetches. */
export const zAi = /* @__PURE__ */ createZAi();
