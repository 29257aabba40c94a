import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type AnthropicSettings = ProviderSettings;

/** Anthropic: OpenAI-compatible model list. */
export const createAnthropic = defineProvider<AnthropicSettings>({
  slug: 'anthropic',
  displayName: 'Anthropic',
  tier: 'medium',
  docsUrl: 'https://docs.anthropic.com/en/api/models-list',
  auth: { kind: 'header', envVar: 'ANTHROPIC_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.anthropic.com/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads ANTHROPIC_API_KEY when it fetches. */
export const anthropic = /* @__PURE__ */ createAnthropic();
