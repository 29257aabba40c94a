import { canonicalModelId } from '@catalog/provider-utils';
import type { MergedModel, Offer } from './merged-model.ts';

export type MatchKind = 'canonical-id' | 'provider-id' | 'alias' | 'normalized';

export interface LookupMatch {
  readonly model: MergedModel;
  readonly matchedBy: MatchKind;
  /** The offers whose id or alias matched (all offers for canonical and normalized matches). */
  readonly offers: readonly Offer[];
}

/**
 * Answers "which model is this id, and who serves it" for provider-native ids, canonical ids,
 * aliases (dated snapshots such as claude-3-5-sonnet-20241022) and routing variants (`:free`).
 * Built once per catalog version; the most exact kind of match wins.
 */
export class LookupIndex {
  readonly #canonical = new Map<string, MergedModel>();
  readonly #byOfferId = new Map<string, { model: MergedModel; offer: Offer }[]>();
  readonly #byAlias = new Map<string, { model: MergedModel; offer: Offer }[]>();
  readonly #byNormalized = new Map<string, MergedModel[]>();

  constructor(models: readonly MergedModel[]) {
    for (const model of models) {
      this.#canonical.set(model.canonicalId, model);
      this.#addNormalized(model.canonicalId, model);
      const slash = model.canonicalId.lastIndexOf('/');
      if (slash >= 0) this.#addNormalized(model.canonicalId.slice(slash + 1), model);
      for (const offer of model.offers) {
        push(this.#byOfferId, offer.id.toLowerCase(), { model, offer });
        for (const alias of offer.aliases ?? []) push(this.#byAlias, alias.toLowerCase(), { model, offer });
      }
    }
  }

  lookup(id: string): LookupMatch[] {
    const wanted = id.trim();
    if (!wanted) return [];
    const lower = wanted.toLowerCase();
    const canonical = this.#canonical.get(lower);
    if (canonical) return [{ model: canonical, matchedBy: 'canonical-id', offers: canonical.offers }];
    const byId = this.#byOfferId.get(lower);
    if (byId) return group(byId, 'provider-id');
    const byAlias = this.#byAlias.get(lower);
    if (byAlias) return group(byAlias, 'alias');
    const normalized = canonicalModelId(wanted);
    const found = this.#canonical.get(normalized)
      ? [this.#canonical.get(normalized)!]
      : (this.#byNormalized.get(normalized) ?? []);
    return found.map((model) => ({ model, matchedBy: 'normalized' as const, offers: model.offers }));
  }

  #addNormalized(key: string, model: MergedModel): void {
    const list = this.#byNormalized.get(key);
    if (!list) this.#byNormalized.set(key, [model]);
    else if (!list.includes(model)) list.push(model);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function group(hits: { model: MergedModel; offer: Offer }[], matchedBy: MatchKind): LookupMatch[] {
  const byModel = new Map<MergedModel, Offer[]>();
  for (const { model, offer } of hits) {
    const offers = byModel.get(model);
    if (offers) offers.push(offer);
    else byModel.set(model, [offer]);
  }
  return [...byModel].map(([model, offers]) => ({ model, matchedBy, offers }));
}
