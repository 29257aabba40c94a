import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type CerebrasSettings = ProviderSettings;

/** Cerebras: OpenAI-compatible model list. */
export const createCerebras = defineProvider<CerebrasSettings>({
  slug: 'cerebras',
  displayName: 'Cerebras',
  tier: 'medium',
  docsUrl: 'https://inference-docs.cerebras.ai/api-reference/models',
  auth: { kind: 'header', envVar: 'CEREBRAS_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://api.cerebras.ai',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads CEREBRAS_API_KEY when it fetches. */
export const cerebras = /* @__PURE__ */ createCerebras();
