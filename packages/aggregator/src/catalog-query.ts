import { DecimalString, Modality, ModelKind } from '@catalog/provider-contract';
import { z } from 'zod';

const list = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item)])
    .transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[])
    .optional();

/** Comma-separated lists in query strings ("text,image") become arrays. */
const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : value,
    list(item),
  );

export const Capability = z.enum(['tools', 'vision', 'structuredOutput', 'reasoning']);
export type Capability = z.infer<typeof Capability>;

export const SortKey = z.enum(['id', 'name', 'price', 'context', 'newest']);
export type SortKey = z.infer<typeof SortKey>;

/**
 * A catalog query, as the API's query string carries it. Every field is optional; lists accept
 * repeated parameters or comma-separated values.
 */
export const CatalogQuery = z
  .object({
    provider: csv(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a provider slug such as "openrouter"')),
    inputModality: csv(Modality),
    outputModality: csv(Modality),
    capability: csv(Capability),
    kind: csv(ModelKind),
    minContext: z.coerce.number().int().positive().optional(),
    maxPromptPrice: DecimalString.optional(),
    maxCompletionPrice: DecimalString.optional(),
    q: z.string().trim().min(1).max(200).optional(),
    sort: SortKey.default('id'),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    cursor: z.string().min(1).max(1000).optional(),
  })
  .strict();
export type CatalogQuery = z.input<typeof CatalogQuery>;
export type ParsedCatalogQuery = z.output<typeof CatalogQuery>;
