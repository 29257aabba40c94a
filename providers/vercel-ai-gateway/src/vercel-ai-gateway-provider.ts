import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type VercelAiGatewaySettings = ProviderSettings;

/** Vercel AI Gateway: OpenAI-compatible model list. */
export const createVercelAiGateway = defineProvider<VercelAiGatewaySettings>({
  slug: 'vercel-ai-gateway',
  displayName: 'Vercel AI Gateway',
  tier: 'low',
  docsUrl: 'https://vercel.com/docs/ai-gateway/models-and-providers',
  auth: { kind: 'none' },
  defaultBaseURL: 'https://ai-gateway.vercel.sh/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance. */
export const vercelAiGateway = /* @__PURE__ */ createVercelAiGateway();
