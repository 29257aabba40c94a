import type { ModelKind, ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  collectPages,
  defineProvider,
  mapEntries,
  modalitiesOfKind,
  nonEmpty,
  parseEnvelope,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { FireworksModel, FireworksModelPage } from './fireworks-api.ts';

export interface FireworksSettings extends ProviderSettings {
  /** Account whose models are listed (default "fireworks": the serverless catalog). */
  account?: string;
  /** Models per page (default 200). */
  pageSize?: number;
}

const KINDS: Record<string, ModelKind> = {
  HF_BASE_MODEL: 'chat',
  HF_PEFT_ADDON: 'chat',
  HF_TEFT_ADDON: 'chat',
  FLUMINA_BASE_MODEL: 'image',
  FLUMINA_ADDON: 'image',
  EMBEDDING_MODEL: 'embedding',
};

/** Fireworks AI: the control-plane model list (context, tools, vision, deprecation), paged by token. */
export const createFireworks = defineProvider<FireworksSettings>({
  slug: 'fireworks',
  displayName: 'Fireworks AI',
  tier: 'high',
  docsUrl: 'https://docs.fireworks.ai/api-reference/list-models',
  auth: { kind: 'header', envVar: 'FIREWORKS_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.fireworks.ai',
  async fetchModels(ctx, settings) {
    const path = `/v1/accounts/${encodeURIComponent(settings.account ?? 'fireworks')}/models`;
    const entries = await collectPages<unknown>({
      provider: ctx.provider,
      url: path,
      fetchPage: async (pageToken) => {
        const response = await ctx.http.getJson(path, {
          query: {
            pageSize: settings.pageSize ?? 200,
            pageToken: typeof pageToken === 'string' ? pageToken : undefined,
          },
        });
        const page = parseEnvelope(ctx.provider, response, FireworksModelPage, '{ models: [...], nextPageToken }');
        return { items: page.models, next: page.nextPageToken || undefined };
      },
    });
    return mapEntries(ctx.provider, entries, FireworksModel, toModel);
  },
});

function toModel(entry: FireworksModel): ModelDraft | undefined {
  if (entry.state && entry.state !== 'READY') return undefined;
  const kind = entry.kind ? (KINDS[entry.kind] ?? 'other') : undefined;
  const date = entry.deprecationDate;
  return {
    id: entry.name,
    // accounts/<account>/models/<name>: the account hosts the model; the family names its author.
    canonicalId: canonicalModelId(entry.name),
    name: nonEmpty(entry.displayName),
    description: nonEmpty(entry.description),
    kind,
    contextLength: positiveInt(entry.contextLength),
    inputModalities: kind === 'chat' && entry.supportsImageInput ? ['text', 'image'] : modalitiesOfKind(kind)?.input,
    outputModalities: modalitiesOfKind(kind)?.output,
    capabilities:
      kind === 'chat'
        ? {
            ...(typeof entry.supportsTools === 'boolean' ? { tools: entry.supportsTools } : {}),
            ...(typeof entry.supportsImageInput === 'boolean' ? { vision: entry.supportsImageInput } : {}),
          }
        : undefined,
    created: toIsoTimestamp(entry.createTime),
    deprecatedAt:
      date && date.year > 0
        ? toIsoTimestamp(
            `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}T00:00:00Z`,
          )
        : undefined,
  };
}

/** The default instance: reads FIREWORKS_API_KEY when it fetches. */
export const fireworks = /* @__PURE__ */ createFireworks();
