import type { Modality, ModelCapabilities, ModelKind, ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  defineProvider,
  mapEntries,
  modalitiesOfKind,
  nonEmpty,
  normalizePrice,
  parseEnvelope,
  positiveInt,
  shiftDecimal,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { DeepInfraModel, DeepInfraModelList } from './deepinfra-api.ts';

export type DeepInfraSettings = ProviderSettings;

/** DeepInfra's task names; anything else (text-classification, object-detection, …) is kept as "other". */
const KINDS: Record<string, ModelKind> = {
  'text-generation': 'chat',
  embeddings: 'embedding',
  reranker: 'rerank',
  'text-to-image': 'image',
  'text-to-video': 'video',
  'automatic-speech-recognition': 'transcription',
  'text-to-speech': 'speech',
  'text-to-music': 'audio',
};

/** Input tags that add a modality to a text model. */
const INPUT_TAGS: Record<string, Modality> = {
  multimodal: 'image',
  vision: 'image',
  'input-audio': 'audio',
  'input-video': 'video',
};

/** DeepInfra: the native public list of every model type, prices in US cents per token (or per image). */
export const createDeepInfra = defineProvider<DeepInfraSettings>({
  slug: 'deepinfra',
  displayName: 'DeepInfra',
  tier: 'high',
  docsUrl: 'https://deepinfra.com/docs/advanced/list-models',
  auth: { kind: 'header', envVar: 'DEEPINFRA_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://api.deepinfra.com',
  async fetchModels(ctx) {
    const response = await ctx.http.getJson('/models/list');
    const entries = parseEnvelope(ctx.provider, response, DeepInfraModelList, 'a JSON array of models');
    return mapEntries(ctx.provider, entries, DeepInfraModel, toModel);
  },
});

function toModel(entry: DeepInfraModel): ModelDraft {
  const task = entry.reported_type ?? entry.type;
  const kind = task ? (KINDS[task] ?? 'other') : undefined;
  const tags = new Set(entry.tags ?? []);
  const modalities = modalitiesOfKind(kind);
  const extraInputs = [...tags].flatMap((tag) => INPUT_TAGS[tag] ?? []);
  const pricing = entry.pricing;
  const prompt = normalizePrice(pricing?.cents_per_input_token, 'cents-per-token');
  return {
    id: entry.model_name,
    canonicalId: canonicalModelId(entry.model_name),
    description: nonEmpty(entry.description),
    kind,
    contextLength: positiveInt(entry.max_tokens),
    maxOutputTokens: positiveInt(entry.max_output_tokens),
    pricing: {
      prompt,
      completion: normalizePrice(pricing?.cents_per_output_token, 'cents-per-token'),
      cacheRead: timesRate(prompt, pricing?.rate_per_input_token_cached),
      cacheWrite: timesRate(prompt, pricing?.rate_per_input_token_cache_write),
      image: normalizePrice(pricing?.cents_per_image_unit, 'cents'),
    },
    inputModalities:
      modalities && kind === 'chat' ? [...new Set([...modalities.input, ...extraInputs])] : modalities?.input,
    outputModalities: modalities?.output,
    capabilities: capabilitiesOf(tags),
    created: toIsoTimestamp(entry.create_ts),
    deprecatedAt: deprecationDate(entry.deprecated),
  };
}

/**
 * Capabilities from the tags. DeepInfra's tagging is incomplete, so a missing tag proves nothing:
 * tags only turn a capability on, except the explicit `non-reasoning`.
 */
function capabilitiesOf(tags: ReadonlySet<string>): ModelCapabilities {
  const reasoning =
    tags.has('reasoning') || tags.has('can-disable-reasoning') ? true : tags.has('non-reasoning') ? false : undefined;
  return {
    tools: tags.has('tools') || undefined,
    vision: tags.has('multimodal') || tags.has('vision') || undefined,
    structuredOutput: tags.has('structured-output') || tags.has('structured_output') || undefined,
    reasoning,
  };
}

/** `price × rate`, exactly: DeepInfra's cache prices are rates applied to the input price. */
function timesRate(price: string | undefined, rate: number | null | undefined): string | undefined {
  const factor = rate == null ? undefined : shiftDecimal(rate, 0);
  if (price === undefined || factor === undefined) return undefined;
  const [priceInt = '0', priceFrac = ''] = price.split('.');
  const [factorInt = '0', factorFrac = ''] = factor.split('.');
  const product = BigInt(priceInt + priceFrac) * BigInt(factorInt + factorFrac);
  return shiftDecimal(product.toString(), -(priceFrac.length + factorFrac.length));
}

/** A unix time or date; `1`/`true` (deprecated, no date given) yields none rather than 1970. */
function deprecationDate(value: DeepInfraModel['deprecated']): string | undefined {
  if (typeof value === 'boolean') return undefined;
  const iso = toIsoTimestamp(value);
  return iso !== undefined && iso >= '2000' ? iso : undefined;
}

/** The default instance: DEEPINFRA_API_KEY is optional for the list. */
export const deepInfra = /* @__PURE__ */ createDeepInfra();
