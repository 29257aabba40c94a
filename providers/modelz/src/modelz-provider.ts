import type { FetchModelsResult, ProviderSettings } from '@catalog/provider-contract';
import {
  defineProvider,
  mapEntries,
  nonEmpty,
  parseEnvelope,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { ModelzToken, ModelzTokenList } from './modelz-api.ts';

export interface ModelzSettings extends ProviderSettings {
  /** Only graduated tokens (default false: graduated and not graduated, merged). */
  onlyGraduated?: boolean;
}

/**
 * ModelZ: no LLM catalog API exists for ModelZ deployments; this reads the token list the old
 * system used (low confidence, see README), ids prefixed `modelz/`.
 */
export const createModelz = defineProvider<ModelzSettings>({
  slug: 'modelz',
  displayName: 'ModelZ',
  tier: 'low',
  docsUrl: 'https://docs.modelz.ai',
  auth: { kind: 'none' },
  defaultBaseURL: 'https://backend.alpacanetwork.ai/api',
  async fetchModels(ctx, settings): Promise<FetchModelsResult> {
    const flags = settings.onlyGraduated ? [true] : [true, false];
    const entries: unknown[] = [];
    for (const isGraduated of flags) {
      const response = await ctx.http.getJson('/tokens', { query: { isGraduated } });
      entries.push(
        ...parseEnvelope(ctx.provider, response, ModelzTokenList, 'a list, { data: [...] } or { tokens: [...] }'),
      );
    }
    return mapEntries(ctx.provider, entries, ModelzToken, toModel);
  },
});

function toModel(token: ModelzToken): ModelDraft {
  const raw = [token.Token, token.model_id, token.modelId, token.id, token.name]
    .map((v) => (v === null || v === undefined ? undefined : nonEmpty(String(v))))
    .find(Boolean)!;
  const id = raw.startsWith('modelz/') ? raw : `modelz/${raw}`;
  return {
    id,
    canonicalId: id.toLowerCase(),
    name: nonEmpty(token.name),
    description: nonEmpty(token.description),
    created: toIsoTimestamp(token.createdAt),
  };
}

/** The default instance (no key). */
export const modelz = /* @__PURE__ */ createModelz();
