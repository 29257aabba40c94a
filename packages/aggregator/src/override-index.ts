import { createHash } from 'node:crypto';
import { overrideKey, type OperatorOverride } from './operator-override.ts';

const EMPTY: ReadonlyMap<string, OperatorOverride> = new Map();
const NONE = 'none';

/** What an override changes when serving (not who set it, when or why): its version is a hash of this. */
const servingContent = (o: OperatorOverride) => [o.modelId, o.hide === true, o.set ?? null];

function contentVersion(overrides: readonly OperatorOverride[]): string {
  if (overrides.length === 0) return NONE;
  const sorted = [...overrides].sort((a, b) => (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify(sorted.map(servingContent)))
    .digest('base64url')
    .slice(0, 16);
}

/**
 * The operator overrides as the catalog applies them: grouped by provider, each group with a
 * content version, so a change re-merges only the providers whose overrides changed. Equal
 * overrides give equal versions on every instance (the catalog version stays a fleet-wide ETag),
 * whoever set them and whenever.
 */
export class OverrideIndex {
  readonly #list: readonly OperatorOverride[];
  readonly #byProvider = new Map<string, Map<string, OperatorOverride>>();
  readonly #versions = new Map<string, string>();

  constructor(list: readonly OperatorOverride[] = []) {
    this.#list = Object.freeze([...list]);
    for (const override of list) {
      let group = this.#byProvider.get(override.provider);
      if (!group) this.#byProvider.set(override.provider, (group = new Map()));
      group.set(overrideKey(override.provider, override.modelId), override);
    }
    for (const [slug, group] of this.#byProvider) this.#versions.set(slug, contentVersion([...group.values()]));
  }

  /** One provider's overrides, keyed by `overrideKey` (what `applyOverrides` takes). */
  forProvider(slug: string): ReadonlyMap<string, OperatorOverride> {
    return this.#byProvider.get(slug) ?? EMPTY;
  }

  /** The version of one provider's overrides ("none" when it has none). */
  versionOf(slug: string): string {
    return this.#versions.get(slug) ?? NONE;
  }

  list(): readonly OperatorOverride[] {
    return this.#list;
  }
}
