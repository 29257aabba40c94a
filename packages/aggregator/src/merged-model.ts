import type { CatalogModel, Modality, ModelCapabilities, ModelKind } from '@catalog/provider-contract';

/** One provider's offer of a model: its own id, price, limits and modalities. */
export type Offer = Omit<CatalogModel, 'canonicalId'> & {
  /** True on the offer with the lowest prompt price (then completion price) of the model. */
  readonly cheapest: boolean;
};

/** A model as the merged catalog shows it: one entry per canonical id, one offer per provider. */
export interface MergedModel {
  readonly canonicalId: string;
  readonly name: string;
  readonly description?: string;
  readonly kind?: ModelKind;
  /** The largest context any offer has. */
  readonly contextLength?: number;
  readonly maxOutputTokens?: number;
  readonly inputModalities: readonly Modality[];
  readonly outputModalities: readonly Modality[];
  /** A capability is true when any offer has it. */
  readonly capabilities: ModelCapabilities;
  /** Earliest creation date any provider reports. */
  readonly created?: string;
  readonly providers: readonly string[];
  /** Sorted cheapest first; the first has `cheapest: true` when any offer has a price. */
  readonly offers: readonly Offer[];
}
