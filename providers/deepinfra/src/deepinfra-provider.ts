import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type DeepInfraSettings = ProviderSettings;

/** DeepInfra: OpenAI-compatible model list. */
export const createDeepInfra = defineProvider<DeepInfraSettings>({
  slug: 'deepinfra',
  displayName: 'DeepInfra',
  tier: 'high',
  docsUrl: 'https://deepinfra.com/docs/advanced/list-models',
  auth: { kind: 'header', envVar: 'DEEPINFRA_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://api.deepinfra.com',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads DEEPINFRA_API_KEY when it fetches. */
export const deepInfra = /* @__PURE__ */ createDeepInfra();
