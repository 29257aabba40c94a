import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type MorpheusSettings = ProviderSettings;

/** Morpheus (mor.org): OpenAI-compatible model list. */
export const createMorpheus = defineProvider<MorpheusSettings>({
  slug: 'morpheus',
  displayName: 'Morpheus (mor.org)',
  tier: 'low',
  docsUrl: 'https://apidocs.mor.org',
  auth: { kind: 'header', envVar: 'MORPHEUS_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://api.mor.org/api/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads MORPHEUS_API_KEY when it fetches. */
export const morpheus = /* @__PURE__ */ createMorpheus();
