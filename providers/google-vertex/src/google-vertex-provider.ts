import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type GoogleVertexSettings = ProviderSettings;

/** Google Vertex AI / Gemini: OpenAI-compatible model list. */
export const createGoogleVertex = defineProvider<GoogleVertexSettings>({
  slug: 'google-vertex',
  displayName: 'Google Vertex AI / Gemini',
  tier: 'medium',
  docsUrl: 'https://ai.google.dev/api/models#method:-models.list',
  auth: { kind: 'header', envVar: 'GEMINI_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://generativelanguage.googleapis.com',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads GEMINI_API_KEY when it fetches. */
export const googleVertex = /* @__PURE__ */ createGoogleVertex();
