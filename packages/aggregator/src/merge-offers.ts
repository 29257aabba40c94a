import type { CatalogModel, Modality, ModelCapabilities } from '@catalog/provider-contract';
import { compareOptionalDecimal } from '@catalog/provider-utils';
import type { MergedModel, Offer } from './merged-model.ts';

/** Orders offers cheapest first: prompt price, then completion price, unknown prices last. */
export function compareOffers(a: CatalogModel, b: CatalogModel): number {
  return (
    compareOptionalDecimal(a.pricing?.prompt, b.pricing?.prompt) ||
    compareOptionalDecimal(a.pricing?.completion, b.pricing?.completion) ||
    (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Merges every provider's record of one canonical model into one entry with its offers. */
export function mergeOffers(canonicalId: string, records: readonly CatalogModel[]): MergedModel {
  const sorted = [...records].sort(compareOffers);
  const offers: Offer[] = sorted.map((record, index) => {
    const { canonicalId: _canonical, ...offer } = record;
    return Object.freeze({ ...offer, cheapest: index === 0 && record.pricing?.prompt !== undefined });
  });

  const inputs = new Set<Modality>();
  const outputs = new Set<Modality>();
  const capabilities: { -readonly [K in keyof ModelCapabilities]: ModelCapabilities[K] } = {};
  let name: string | undefined;
  let description: string | undefined;
  let contextLength: number | undefined;
  let maxOutputTokens: number | undefined;
  let created: string | undefined;
  const kinds = new Map<string, number>();

  for (const record of sorted) {
    for (const m of record.inputModalities ?? []) inputs.add(m);
    for (const m of record.outputModalities ?? []) outputs.add(m);
    for (const [key, value] of Object.entries(record.capabilities ?? {}) as [keyof ModelCapabilities, boolean][]) {
      capabilities[key] = capabilities[key] === true || value;
    }
    if (record.name && (!name || record.name.length < name.length)) name = record.name;
    if (record.description && (!description || record.description.length > description.length)) {
      description = record.description;
    }
    if (record.contextLength && (!contextLength || record.contextLength > contextLength))
      contextLength = record.contextLength;
    if (record.maxOutputTokens && (!maxOutputTokens || record.maxOutputTokens > maxOutputTokens)) {
      maxOutputTokens = record.maxOutputTokens;
    }
    if (record.created && (!created || record.created < created)) created = record.created;
    if (record.kind) kinds.set(record.kind, (kinds.get(record.kind) ?? 0) + 1);
  }
  const kind = [...kinds].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] as MergedModel['kind'];

  return Object.freeze({
    canonicalId,
    name: name ?? canonicalId,
    ...(description !== undefined ? { description } : {}),
    ...(kind !== undefined ? { kind } : {}),
    ...(contextLength !== undefined ? { contextLength } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    inputModalities: Object.freeze([...inputs].sort()),
    outputModalities: Object.freeze([...outputs].sort()),
    capabilities: Object.freeze(capabilities),
    ...(created !== undefined ? { created } : {}),
    providers: Object.freeze([...new Set(sorted.map((r) => r.provider))].sort()),
    offers: Object.freeze(offers),
  });
}
