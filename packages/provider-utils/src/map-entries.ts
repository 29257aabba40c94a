import { CatalogModel, type FetchModelsResult, type SkippedEntry } from '@catalog/provider-contract';
import type { z } from 'zod';
import { compact } from './compact.ts';
import { summarizeIssues } from './parse-envelope.ts';

/** A record as a provider maps it; `provider` is filled in by mapEntries. */
export type ModelDraft = Omit<CatalogModel, 'provider'>;

/**
 * Turns raw upstream entries into unified records. Each entry is parsed with the provider's
 * entry schema, mapped, then checked against the unified schema; entries that fail (or that
 * the mapper returns undefined for, or whose id repeats) are skipped with a reason and the
 * good ones kept.
 */
export function mapEntries<TSchema extends z.ZodType>(
  provider: string,
  entries: readonly unknown[],
  entrySchema: TSchema,
  toModel: (entry: z.output<TSchema>) => ModelDraft | undefined,
): FetchModelsResult {
  const models: CatalogModel[] = [];
  const skipped: SkippedEntry[] = [];
  const seen = new Set<string>();
  for (const raw of entries) {
    const rawId = readableId(raw);
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push(withId(rawId, `invalid entry: ${summarizeIssues(parsed.error)}`));
      continue;
    }
    let draft: ModelDraft | undefined;
    try {
      draft = toModel(parsed.data);
    } catch (error) {
      skipped.push(withId(rawId, `could not map entry: ${error instanceof Error ? error.message : String(error)}`));
      continue;
    }
    if (!draft) {
      skipped.push(withId(rawId, 'not a listable model (e.g. deprecated or inactive)'));
      continue;
    }
    const checked = CatalogModel.safeParse(compact({ ...draft, provider }));
    if (!checked.success) {
      skipped.push(withId(draft.id ?? rawId, `mapped record invalid: ${summarizeIssues(checked.error)}`));
      continue;
    }
    if (seen.has(checked.data.id)) {
      skipped.push(withId(checked.data.id, 'duplicate id (first occurrence kept)'));
      continue;
    }
    seen.add(checked.data.id);
    models.push(checked.data);
  }
  return { models, skipped };
}

function readableId(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const record = raw as Record<string, unknown>;
  for (const key of ['id', 'model_id', 'model_name', 'name', 'endpoint_id', 'modelId']) {
    const value = record[key];
    if (typeof value === 'string' && value) return value.slice(0, 200);
  }
  return undefined;
}

function withId(id: string | undefined, reason: string): SkippedEntry {
  return id === undefined ? { reason } : { id, reason };
}
