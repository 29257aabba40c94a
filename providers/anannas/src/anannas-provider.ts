import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type AnannasSettings = ProviderSettings;

/** Anannas AI: OpenAI-compatible model list. */
export const createAnannas = defineProvider<AnannasSettings>({
  slug: 'anannas',
  displayName: 'Anannas AI',
  tier: 'low',
  docsUrl: 'https://docs.anannas.ai',
  auth: { kind: 'header', envVar: 'ANANNAS_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.anannas.ai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads ANANNAS_API_KEY when it fetches. */
export const anannas = /* @__PURE__ */ createAnannas();
