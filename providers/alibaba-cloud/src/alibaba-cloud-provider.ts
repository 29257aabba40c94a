import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type AlibabaCloudSettings = ProviderSettings;

/** Alibaba Cloud Model Studio: OpenAI-compatible model list. */
export const createAlibabaCloud = defineProvider<AlibabaCloudSettings>({
  slug: 'alibaba-cloud',
  displayName: 'Alibaba Cloud Model Studio',
  tier: 'low',
  docsUrl: 'https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope',
  auth: { kind: 'header', envVar: 'DASHSCOPE_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads DASHSCOPE_API_KEY when it fetches. */
export const alibabaCloud = /* @__PURE__ */ createAlibabaCloud();
