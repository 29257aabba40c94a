import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type FalSettings = ProviderSettings;

/** fal.ai: OpenAI-compatible model list. */
export const createFal = defineProvider<FalSettings>({
  slug: 'fal',
  displayName: 'fal.ai',
  tier: 'medium',
  docsUrl: 'https://docs.fal.ai/platform-apis/v1/models',
  auth: { kind: 'header', envVar: 'FAL_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://api.fal.ai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads FAL_KEY when it fetches. */
export const fal = /* @__PURE__ */ createFal();
