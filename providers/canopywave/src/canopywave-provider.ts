import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  defineProvider,
  fetchOpenAICompatibleList,
  nonEmpty,
  normalizePrice,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { CanopyWaveModel } from './canopywave-api.ts';

export type CanopyWaveSettings = ProviderSettings;

/** Canopy Wave: `{ data: [...] }` with type, prices (USD per 1M tokens), context and capabilities. */
export const createCanopyWave = defineProvider<CanopyWaveSettings>({
  slug: 'canopywave',
  displayName: 'Canopy Wave',
  tier: 'low',
  docsUrl: 'https://canopywave.com/docs',
  auth: { kind: 'header', envVar: 'CANOPYWAVE_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://inference.canopywave.io/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { entrySchema: CanopyWaveModel, toModel }),
});

function toModel(entry: CanopyWaveModel): ModelDraft {
  const embedding = entry.type?.toLowerCase() === 'embedding';
  const caps = entry.capabilities;
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    name: nonEmpty(entry.name),
    kind: embedding ? 'embedding' : entry.type?.toLowerCase() === 'chat' ? 'chat' : undefined,
    contextLength: positiveInt(entry.context_length) ?? positiveInt(caps?.context_length),
    pricing: {
      prompt: normalizePrice(entry.pricing?.prompt, 'usd-per-1m-tokens'),
      completion: normalizePrice(entry.pricing?.completion, 'usd-per-1m-tokens'),
    },
    inputModalities: ['text'],
    outputModalities: [embedding ? 'embedding' : 'text'],
    capabilities: caps
      ? {
          ...(typeof caps.tools === 'boolean' ? { tools: caps.tools } : {}),
          ...(typeof caps.json_mode === 'boolean' ? { structuredOutput: caps.json_mode } : {}),
          ...(typeof caps.reasoning === 'boolean' ? { reasoning: caps.reasoning } : {}),
        }
      : undefined,
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: reads CANOPYWAVE_API_KEY when it fetches. */
export const canopyWave = /* @__PURE__ */ createCanopyWave();
