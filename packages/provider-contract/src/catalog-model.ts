import { z } from 'zod';

/** An exact, non-negative decimal number written as a string, e.g. "0.000003" (USD per token). */
export const DecimalString = z
  .string()
  .regex(/^(0|[1-9]\d*)(\.\d+)?$/, 'must be a non-negative decimal string such as "0.000003"');
export type DecimalString = z.infer<typeof DecimalString>;

export const Modality = z.enum(['text', 'image', 'audio', 'video', 'file', 'embedding']);
export type Modality = z.infer<typeof Modality>;

/** What the model is for. Lists mix kinds; we keep them all and say which is which. */
export const ModelKind = z.enum([
  'chat',
  'completion',
  'embedding',
  'image',
  'video',
  'audio',
  'speech',
  'transcription',
  'rerank',
  'moderation',
  'other',
]);
export type ModelKind = z.infer<typeof ModelKind>;

/** Prices in USD per token (per image / per request where named), as exact decimal strings. */
export const ModelPricing = z
  .object({
    prompt: DecimalString.optional(),
    completion: DecimalString.optional(),
    request: DecimalString.optional(),
    image: DecimalString.optional(),
    cacheRead: DecimalString.optional(),
    cacheWrite: DecimalString.optional(),
  })
  .strict();
export type ModelPricing = z.infer<typeof ModelPricing>;

export const ModelCapabilities = z
  .object({
    tools: z.boolean().optional(),
    vision: z.boolean().optional(),
    structuredOutput: z.boolean().optional(),
    reasoning: z.boolean().optional(),
  })
  .strict();
export type ModelCapabilities = z.infer<typeof ModelCapabilities>;

const IsoDateTime = z.iso.datetime({ offset: true });

/**
 * The unified catalog record every provider produces. Facts the upstream does not give stay
 * absent: nothing is invented.
 */
export const CatalogModel = z
  .object({
    /** The id as the provider knows it (what a gateway sends upstream). */
    id: z.string().min(1).max(512),
    /** The provider's slug, e.g. "openrouter". */
    provider: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    /** Lower-case id used to group the same model across providers, e.g. "meta-llama/llama-3.1-8b-instruct". */
    canonicalId: z.string().min(1).max(512),
    name: z.string().min(1).max(512).optional(),
    description: z.string().max(20_000).optional(),
    kind: ModelKind.optional(),
    contextLength: z.number().int().positive().optional(),
    maxOutputTokens: z.number().int().positive().optional(),
    pricing: ModelPricing.optional(),
    inputModalities: z.array(Modality).optional(),
    outputModalities: z.array(Modality).optional(),
    capabilities: ModelCapabilities.optional(),
    /** Other ids the provider accepts for this model (dated snapshots, aliases). */
    aliases: z.array(z.string().min(1).max(512)).optional(),
    created: IsoDateTime.optional(),
    deprecatedAt: IsoDateTime.optional(),
    expiresAt: IsoDateTime.optional(),
  })
  .strict();
export type CatalogModel = z.infer<typeof CatalogModel>;

/** A provider's whole list, as the kernel stores it. */
export const CatalogModelList = z.array(CatalogModel);
