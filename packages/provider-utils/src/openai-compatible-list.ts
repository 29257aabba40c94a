import type { FetchContext, FetchModelsResult, HttpRequestOptions } from '@catalog/provider-contract';
import { z } from 'zod';
import { canonicalModelId } from './canonical-model-id.ts';
import { toIsoTimestamp } from './field-readers.ts';
import { mapEntries, type ModelDraft } from './map-entries.ts';
import { parseEnvelope } from './parse-envelope.ts';

/** The documented minimum of an OpenAI-style model entry; extra fields are kept for mappers. */
export const OpenAIModelEntry = z.looseObject({
  id: z.string().min(1),
  object: z.string().optional(),
  created: z.number().optional(),
  owned_by: z.string().optional(),
});
export type OpenAIModelEntry = z.output<typeof OpenAIModelEntry>;

const ListEnvelope = z.looseObject({ data: z.array(z.unknown()) });
const ListOrArray = z.union([ListEnvelope, z.array(z.unknown()).transform((data) => ({ data }))]);

export interface OpenAICompatibleListOptions<TSchema extends z.ZodType> {
  /** Path of the list (default "/models"). */
  path?: string;
  request?: HttpRequestOptions;
  /** Also accept a bare array instead of `{ data: [...] }`. */
  acceptBareArray?: boolean;
  /** Entry schema (default OpenAIModelEntry). */
  entrySchema?: TSchema;
  /** Entry → record (default: id, canonical id with `author`, created). */
  toModel?: (entry: z.output<TSchema>) => ModelDraft | undefined;
  /** Author for canonical ids when ids have no `author/` part. */
  author?: string;
}

/**
 * `GET /v1/models` of an OpenAI-compatible API: parses `{ data: [...] }` (or a bare array when
 * allowed), then maps and validates entries one by one.
 */
export async function fetchOpenAICompatibleList<TSchema extends z.ZodType = typeof OpenAIModelEntry>(
  ctx: FetchContext,
  options: OpenAICompatibleListOptions<TSchema> = {},
): Promise<FetchModelsResult> {
  const response = await ctx.http.getJson(options.path ?? '/models', options.request);
  const envelope = parseEnvelope(
    ctx.provider,
    response,
    options.acceptBareArray ? ListOrArray : ListEnvelope,
    options.acceptBareArray ? '{ data: [...] } or a JSON array' : 'an OpenAI list { data: [...] }',
  );
  const schema = (options.entrySchema ?? OpenAIModelEntry) as TSchema;
  const toModel =
    options.toModel ?? ((entry: z.output<TSchema>) => basicOpenAIModel(entry as OpenAIModelEntry, options.author));
  return mapEntries(ctx.provider, envelope.data, schema, toModel);
}

/** The record an OpenAI-style entry gives on its own: id, canonical id, created. */
export function basicOpenAIModel(entry: OpenAIModelEntry, author?: string): ModelDraft {
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id, author ? { author } : {}),
    created: toIsoTimestamp(entry.created),
  };
}
