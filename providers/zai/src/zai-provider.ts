import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  defineProvider,
  fetchOpenAICompatibleList,
  kindFromModelId,
  toIsoTimestamp,
  type ModelDraft,
  type OpenAIModelEntry,
} from '@catalog/provider-utils';

export interface ZAiSettings extends ProviderSettings {
  /** `international` (api.z.ai, default) or `china` (open.bigmodel.cn). Ignored when `baseURL` is set. */
  region?: 'international' | 'china';
}

const BASE_URLS = {
  international: 'https://api.z.ai/api/paas/v4',
  china: 'https://open.bigmodel.cn/api/paas/v4',
} as const;

/** Z.ai (Zhipu GLM): OpenAI-style list under /api/paas/v4 (no /v1); no prices in the API. */
export const createZAi = defineProvider<ZAiSettings>({
  slug: 'zai',
  displayName: 'Z.ai',
  tier: 'low',
  docsUrl: 'https://docs.z.ai/api-reference/introduction',
  auth: { kind: 'header', envVar: 'ZAI_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: BASE_URLS.international,
  baseURL: (settings) => BASE_URLS[settings.region ?? 'international'],
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { toModel }),
});

function toModel(entry: OpenAIModelEntry): ModelDraft {
  // GLM's families (provider-utils MODEL_FAMILIES): vision models end in "v" (glm-4.5v, glm-4.1v-thinking-flash).
  const { kind, inputModalities, outputModalities } = kindFromModelId(entry.id);
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id, { author: 'z-ai' }),
    kind,
    inputModalities,
    outputModalities,
    capabilities: inputModalities?.includes('image') ? { vision: true } : undefined,
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: reads ZAI_API_KEY when it fetches. */
export const zai = /* @__PURE__ */ createZAi();
