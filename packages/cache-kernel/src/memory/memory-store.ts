import type { CacheStore, StoredEntry } from '../cache-store.ts';
import type { Envelope } from '../envelope.ts';

export interface MemoryStoreOptions {
  /** Most entries kept (default 10 000); the least recently used go first. */
  maxEntries?: number;
  /** Most bytes kept, by the values' JSON size (default 512 MiB). */
  maxBytes?: number;
}

/**
 * One key's entry as the store holds it, for a caller that reads that key again and again (the
 * kernel's memory hit keeps it and skips the map lookup): `read()` gives the envelope while the
 * store still holds this entry, else undefined (deleted, evicted, or replaced by a later put).
 */
export interface HeldEntry {
  read(): Envelope | undefined;
}

class Entry implements HeldEntry {
  envelope: Envelope;
  readonly bytes: number;
  /** Read since it was inserted or last passed over by eviction (second chance). */
  referenced = false;
  held = true;

  constructor(envelope: Envelope, bytes: number) {
    this.envelope = envelope;
    this.bytes = bytes;
  }

  read(): Envelope | undefined {
    if (!this.held) return undefined;
    this.referenced = true;
    return this.envelope;
  }
}

/**
 * The embedded store: a size-bounded, approximately-LRU map of envelopes in this process
 * (second chance: a read only sets a flag; eviction passes over recently read entries once).
 * Reads hand out the stored (frozen) value itself: no copy, no parse, no reordering.
 */
export class MemoryStore implements CacheStore {
  readonly kind = 'memory';
  readonly #entries = new Map<string, Entry>();
  readonly #documents = new Map<string, string>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
  }

  peekLocal(key: string): Envelope | undefined {
    return this.#entries.get(key)?.read();
  }

  /** The entry of `key`, to read again later without a lookup (HeldEntry); undefined when not held. */
  peekEntry(key: string): HeldEntry | undefined {
    return this.#entries.get(key);
  }

  async get(key: string): Promise<StoredEntry | undefined> {
    const envelope = this.peekLocal(key);
    return envelope ? { envelope, source: 'memory' } : undefined;
  }

  async set(key: string, envelope: Envelope, json?: string): Promise<void> {
    this.put(key, envelope, json === undefined ? estimateBytes(envelope.value) : json.length);
  }

  /** Synchronous set (the kernel's hot path and the tiered store use it). */
  put(key: string, envelope: Envelope, bytes: number): void {
    const old = this.#entries.get(key);
    if (old) {
      old.held = false;
      this.#bytes -= old.bytes;
      this.#entries.delete(key);
    }
    this.#entries.set(key, new Entry(envelope, bytes));
    this.#bytes += bytes;
    while (this.#entries.size > this.#maxEntries || (this.#bytes > this.#maxBytes && this.#entries.size > 1)) {
      const [oldestKey, oldest] = this.#entries.entries().next().value!;
      this.#entries.delete(oldestKey);
      if (oldest.referenced || oldestKey === key) {
        // Second chance: read since it was inserted or last passed over (or the entry just
        // written): move it to the end. One pass clears every flag, so the loop ends.
        oldest.referenced = false;
        this.#entries.set(oldestKey, oldest);
        continue;
      }
      oldest.held = false;
      this.#bytes -= oldest.bytes;
    }
  }

  /**
   * Swaps the envelope of a held entry for one with the same value (e.g. new timestamps), keeping
   * its size and place; false when the key is not held.
   */
  replace(key: string, envelope: Envelope): boolean {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    entry.envelope = envelope;
    return true;
  }

  async delete(key: string): Promise<void> {
    const old = this.#entries.get(key);
    if (!old) return;
    old.held = false;
    this.#bytes -= old.bytes;
    this.#entries.delete(key);
  }

  async getDocument(name: string): Promise<string | undefined> {
    return this.#documents.get(name);
  }

  async setDocument(name: string, json: string): Promise<void> {
    this.#documents.set(name, json);
  }

  async compareAndSetDocument(name: string, expected: string | undefined, json: string): Promise<boolean> {
    if (this.#documents.get(name) !== expected) return false;
    this.#documents.set(name, json);
    return true;
  }

  /** Entries and bytes held now. */
  size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  keys(): string[] {
    return [...this.#entries.keys()];
  }

  async close(): Promise<void> {
    for (const entry of this.#entries.values()) entry.held = false;
    this.#entries.clear();
    this.#bytes = 0;
  }
}

function estimateBytes(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
