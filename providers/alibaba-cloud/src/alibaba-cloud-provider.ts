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

export interface AlibabaCloudSettings extends ProviderSettings {
  /** Model Studio region; keys are region-specific (default `singapore`). Ignored when `baseURL` is set. */
  region?: 'singapore' | 'us' | 'beijing';
}

const BASE_URLS = {
  singapore: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
  us: 'https://dashscope-us.aliyuncs.com/compatible-mode/v1',
  beijing: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
} as const;

/** Alibaba Cloud Model Studio (DashScope): the OpenAI-compatible model list of a region; no prices. */
export const createAlibabaCloud = defineProvider<AlibabaCloudSettings>({
  slug: 'alibaba-cloud',
  displayName: 'Alibaba Cloud Model Studio',
  tier: 'low',
  docsUrl: 'https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope',
  auth: { kind: 'header', envVar: 'DASHSCOPE_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: BASE_URLS.singapore,
  baseURL: (settings) => BASE_URLS[settings.region ?? 'singapore'],
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { toModel }),
});

function toModel(entry: OpenAIModelEntry): ModelDraft {
  // Qwen's families (provider-utils MODEL_FAMILIES): -vl and -omni take images, qwen-max/plus/turbo text only.
  const { kind, inputModalities, outputModalities } = kindFromModelId(entry.id);
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id, { author: 'qwen' }),
    kind,
    inputModalities,
    outputModalities,
    capabilities: inputModalities?.includes('image') ? { vision: true } : undefined,
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance (Singapore): reads DASHSCOPE_API_KEY when it fetches. */
export const alibabaCloud = /* @__PURE__ */ createAlibabaCloud();
