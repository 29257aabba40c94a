import { CatalogError } from '@catalog/provider-contract';
import type { ParsedCatalogQuery, SortKey } from './catalog-query.ts';
import { compareDecimal, compareOptionalDecimal } from '@catalog/provider-utils';
import type { MergedModel, Offer } from './merged-model.ts';

export interface QueryPage {
  readonly models: readonly MergedModel[];
  /** Models matching the filters (all pages). */
  readonly total: number;
  /** Pass as `cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

/** A cursor that is not one this catalog issued, or was issued for another sort. */
export class InvalidCursorError extends CatalogError {
  static readonly code = 'INVALID_CURSOR';
  constructor(reason: string) {
    super(InvalidCursorError.code, `cursor is invalid: ${reason}. Start again without a cursor.`);
    this.name = 'InvalidCursorError';
  }
}

type Key = string | number | undefined;

const searchText = new WeakMap<MergedModel, string>();
function textOf(model: MergedModel): string {
  let text = searchText.get(model);
  if (text === undefined) {
    text = [model.canonicalId, model.name, ...model.offers.map((o) => `${o.id} ${o.name ?? ''}`)]
      .join('\n')
      .toLowerCase();
    searchText.set(model, text);
  }
  return text;
}

/** The offers a query's offer-level filters (provider, prices) accept. */
function matchingOffers(model: MergedModel, query: ParsedCatalogQuery): Offer[] {
  const providers = query.provider && new Set(query.provider);
  return model.offers.filter(
    (offer) =>
      (!providers || providers.has(offer.provider)) &&
      (!query.maxPromptPrice ||
        (offer.pricing?.prompt !== undefined && compareDecimal(offer.pricing.prompt, query.maxPromptPrice) <= 0)) &&
      (!query.maxCompletionPrice ||
        (offer.pricing?.completion !== undefined &&
          compareDecimal(offer.pricing.completion, query.maxCompletionPrice) <= 0)),
  );
}

function matches(model: MergedModel, query: ParsedCatalogQuery): boolean {
  if (query.minContext && !(model.contextLength && model.contextLength >= query.minContext)) return false;
  if (query.kind && !(model.kind && query.kind.includes(model.kind))) return false;
  if (query.inputModality && !query.inputModality.every((m) => model.inputModalities.includes(m))) return false;
  if (query.outputModality && !query.outputModality.every((m) => model.outputModalities.includes(m))) return false;
  if (query.capability && !query.capability.every((c) => model.capabilities[c] === true)) return false;
  if (query.q && !textOf(model).includes(query.q.toLowerCase())) return false;
  if (query.provider || query.maxPromptPrice || query.maxCompletionPrice)
    return matchingOffers(model, query).length > 0;
  return true;
}

function keyOf(model: MergedModel, sort: SortKey, query: ParsedCatalogQuery): Key {
  switch (sort) {
    case 'id':
      return undefined;
    case 'name':
      return model.name.toLowerCase();
    case 'price': {
      const offers =
        query.provider || query.maxPromptPrice || query.maxCompletionPrice
          ? matchingOffers(model, query)
          : model.offers;
      return offers.find((o) => o.pricing?.prompt !== undefined)?.pricing?.prompt;
    }
    case 'context':
      return model.contextLength;
    case 'newest':
      return model.created;
  }
}

/** Compares sort keys: ascending for id/name/price, descending for context/newest; unknown last. */
function compareKeys(sort: SortKey, a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  switch (sort) {
    case 'price':
      return compareOptionalDecimal(a as string, b as string);
    case 'context':
      return (b as number) - (a as number);
    case 'newest':
      return a < b ? 1 : -1;
    default:
      return a < b ? -1 : 1;
  }
}

function encodeCursor(sort: SortKey, key: Key, id: string): string {
  return Buffer.from(JSON.stringify({ s: sort, k: key ?? null, id }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, sort: SortKey): { key: Key; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor this API issued');
  }
  const value = parsed as { s?: unknown; k?: unknown; id?: unknown };
  if (typeof value !== 'object' || value === null || typeof value.id !== 'string') {
    throw new InvalidCursorError('not a cursor this API issued');
  }
  if (value.s !== sort) throw new InvalidCursorError(`it was issued for sort "${String(value.s)}", not "${sort}"`);
  const key = value.k === null ? undefined : value.k;
  if (key !== undefined && typeof key !== 'string' && typeof key !== 'number') throw new InvalidCursorError('bad key');
  return { key, id: value.id };
}

/**
 * Filters, sorts and pages the merged catalog. The order is total (ties broken by canonical id),
 * so cursors stay stable across pages even while the catalog changes.
 */
export function queryCatalog(models: readonly MergedModel[], query: ParsedCatalogQuery): QueryPage {
  const sort = query.sort;
  const hasFilters =
    query.provider ||
    query.inputModality ||
    query.outputModality ||
    query.capability ||
    query.kind ||
    query.minContext ||
    query.maxPromptPrice ||
    query.maxCompletionPrice ||
    query.q;
  let rows = hasFilters ? models.filter((m) => matches(m, query)) : models;
  let keys: Key[] | undefined;
  if (sort !== 'id') {
    const keyed = rows.map((model) => ({ model, key: keyOf(model, sort, query) }));
    keyed.sort((a, b) => compareKeys(sort, a.key, b.key) || (a.model.canonicalId < b.model.canonicalId ? -1 : 1));
    rows = keyed.map((k) => k.model);
    keys = keyed.map((k) => k.key);
  }
  const total = rows.length;
  let start = 0;
  if (query.cursor) {
    const after = decodeCursor(query.cursor, sort);
    start = rows.length;
    for (let i = 0; i < rows.length; i++) {
      const order =
        compareKeys(sort, keys ? keys[i] : undefined, after.key) ||
        (rows[i]!.canonicalId > after.id ? 1 : rows[i]!.canonicalId < after.id ? -1 : 0);
      if (order > 0) {
        start = i;
        break;
      }
    }
  }
  const end = query.limit ? Math.min(rows.length, start + query.limit) : rows.length;
  const page = start === 0 && end === rows.length ? rows : rows.slice(start, end);
  const last = rows[end - 1];
  return {
    models: page,
    total,
    ...(end < rows.length && last
      ? { nextCursor: encodeCursor(sort, keys ? keys[end - 1] : undefined, last.canonicalId) }
      : {}),
  };
}
