import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type AimoSettings = ProviderSettings;

/** AIMO Network: OpenAI-compatible model list. */
export const createAimo = defineProvider<AimoSettings>({
  slug: 'aimo',
  displayName: 'AIMO Network',
  tier: 'medium',
  docsUrl: 'https://docs.aimo.network',
  auth: { kind: 'header', envVar: 'AIMO_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://beta.aimo.network/api/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads AIMO_API_KEY when it fetches. */
export const aimo = /* @__PURE__ */ createAimo();
