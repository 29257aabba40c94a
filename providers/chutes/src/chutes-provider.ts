import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type ChutesSettings = ProviderSettings;

/** Chutes: OpenAI-compatible model list. */
export const createChutes = defineProvider<ChutesSettings>({
  slug: 'chutes',
  displayName: 'Chutes',
  tier: 'medium',
  docsUrl: 'https://chutes.ai/docs',
  auth: { kind: 'header', envVar: 'CHUTES_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://llm.chutes.ai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads CHUTES_API_KEY when it fetches. */
export const chutes = /* @__PURE__ */ createChutes();
