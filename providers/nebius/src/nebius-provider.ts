import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type NebiusSettings = ProviderSettings;

/** Nebius AI Studio: OpenAI-compatible model list. */
export const createNebius = defineProvider<NebiusSettings>({
  slug: 'nebius',
  displayName: 'Nebius AI Studio',
  tier: 'medium',
  docsUrl: 'https://docs.nebius.com/studio/inference/api',
  auth: { kind: 'header', envVar: 'NEBIUS_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.tokenfactory.nebius.com/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads NEBIUS_API_KEY when it fetches. */
export const nebius = /* @__PURE__ */ createNebius();
