import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type FeatherlessSettings = ProviderSettings;

/** Featherless AI: OpenAI-compatible model list. */
export const createFeatherless = defineProvider<FeatherlessSettings>({
  slug: 'featherless',
  displayName: 'Featherless AI',
  tier: 'high',
  docsUrl: 'https://featherless.ai/docs/api-reference-models',
  auth: { kind: 'header', envVar: 'FEATHERLESS_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://api.featherless.ai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads FEATHERLESS_API_KEY when it fetches. */
export const featherless = /* @__PURE__ */ createFeatherless();
