import type { ModelChange } from './diff-provider-models.ts';

export interface CatalogVersionChange {
  readonly from: string;
  readonly to: string;
  readonly at: string;
  readonly changes: readonly ModelChange[];
}

export type ChangesSince =
  | { readonly complete: true; readonly from: string; readonly to: string; readonly changes: readonly ModelChange[] }
  /** The version is older than the history kept (or unknown): refetch the whole catalog. */
  | { readonly complete: false; readonly from: string; readonly to: string; readonly oldestKnown: string | undefined };

/** A bounded history of catalog version transitions and what each changed. */
export class ChangeFeed {
  readonly #entries: CatalogVersionChange[] = [];
  readonly #limit: number;

  constructor(limit = 200) {
    this.#limit = limit;
  }

  record(entry: CatalogVersionChange): void {
    if (entry.from === entry.to) return;
    this.#entries.push(entry);
    if (this.#entries.length > this.#limit) this.#entries.splice(0, this.#entries.length - this.#limit);
  }

  /** Everything that changed after `version` up to `current`, or why it cannot be told. */
  since(version: string, current: string): ChangesSince {
    if (version === current) return { complete: true, from: version, to: current, changes: [] };
    const start = this.#entries.findIndex((entry) => entry.from === version);
    if (start < 0) return { complete: false, from: version, to: current, oldestKnown: this.#entries[0]?.from };
    return {
      complete: true,
      from: version,
      to: current,
      changes: this.#entries.slice(start).flatMap((e) => e.changes),
    };
  }

  history(): readonly CatalogVersionChange[] {
    return this.#entries;
  }
}
