import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type GroqSettings = ProviderSettings;

/** Groq: OpenAI-compatible model list. */
export const createGroq = defineProvider<GroqSettings>({
  slug: 'groq',
  displayName: 'Groq',
  tier: 'medium',
  docsUrl: 'https://console.groq.com/docs/api-reference#models-list',
  auth: { kind: 'header', envVar: 'GROQ_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.groq.com/openai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads GROQ_API_KEY when it fetches. */
export const groq = /* @__PURE__ */ createGroq();
