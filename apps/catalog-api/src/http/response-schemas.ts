import { CatalogModel, Modality, ModelCapabilities, ModelKind } from '@catalog/provider-contract';
import { z } from 'zod';

// The catalog routes' 200 bodies, for the OpenAPI document. They are not enforced when sending
// (bodies are built once per catalog version); a test checks real responses against them.

const Offer = CatalogModel.omit({ canonicalId: true }).extend({ cheapest: z.boolean() });

const MergedModel = z.object({
  canonicalId: z.string(),
  name: z.string(),
  description: z.string().optional(),
  kind: ModelKind.optional(),
  contextLength: z.number().int().optional(),
  maxOutputTokens: z.number().int().optional(),
  inputModalities: z.array(Modality),
  outputModalities: z.array(Modality),
  capabilities: ModelCapabilities,
  created: z.string().optional(),
  providers: z.array(z.string()),
  offers: z.array(Offer),
});

const MissingProvider = z.object({ provider: z.string(), reason: z.string() });

export const CatalogPage = z.object({
  object: z.literal('catalog.page'),
  version: z.string(),
  total: z.number().int(),
  nextCursor: z.string().optional().describe('Pass as `cursor` for the next page; absent on the last page'),
  data: z.array(MergedModel),
  missing: z.array(MissingProvider).describe('Configured providers with no list in this version, and why'),
});

export const ModelMatches = z.object({
  version: z.string(),
  matches: z.array(
    z.object({
      model: MergedModel,
      matchedBy: z.enum(['canonical-id', 'provider-id', 'alias', 'normalized']),
      offers: z.array(Offer),
    }),
  ),
});

const ProviderHealth = z.object({
  provider: z.string(),
  displayName: z.string(),
  tier: z.enum(['high', 'medium', 'low']),
  configured: z.boolean(),
  state: z.enum(['fresh', 'stale', 'stale-error', 'bundled', 'missing', 'not-configured']),
  modelCount: z.number().int(),
  skippedCount: z.number().int(),
  zeroModels: z.boolean(),
  ageMs: z.number().optional(),
  fetchedAt: z.string().optional(),
  lastSuccessAt: z.string().optional(),
  lastAttemptAt: z.string().optional(),
  lastError: z.object({ message: z.string(), reason: z.string(), at: z.string() }).optional(),
  breaker: z.enum(['closed', 'half-open', 'open']),
  hitRate: z.number().optional(),
  source: z.enum(['memory', 'redis', 'upstream', 'bundled']).optional(),
});

export const ProviderHealthList = z.object({ version: z.string(), data: z.array(ProviderHealth) });

export const ProviderModels = z.object({
  version: z.string(),
  provider: z.string(),
  state: ProviderHealth.shape.state.optional(),
  data: z.array(CatalogModel),
});

export const CatalogStats = z.object({
  version: z.string(),
  uniqueModels: z.number().int(),
  offers: z.number().int(),
  providers: z.record(z.string(), z.number().int()),
});

export const CatalogChanges = z.object({
  complete: z.boolean(),
  from: z.string(),
  to: z.string(),
  changes: z
    .array(
      z.object({
        type: z.enum(['added', 'removed', 'changed']),
        provider: z.string(),
        id: z.string(),
        canonicalId: z.string(),
        fields: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  oldestKnown: z.string().optional(),
});
