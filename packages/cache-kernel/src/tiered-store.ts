import type { CacheStore, StoredEntry, StoreReadOptions } from './cache-store.ts';
import type { Envelope } from './envelope.ts';
import { MemoryStore } from './memory/memory-store.ts';

/**
 * Memory (L1) in front of a shared store such as Redis (L2). Reads come from memory when it has
 * the key; otherwise from L2 (the kernel validates the value, then adopts it into L1). Writes go
 * to both: L1 at once, L2 best-effort (a failure is reported, memory still has the value).
 */
export class TieredStore implements CacheStore {
  readonly kind: string;
  readonly local: MemoryStore;
  readonly remote: CacheStore;

  constructor(remote: CacheStore, local: MemoryStore = new MemoryStore()) {
    this.remote = remote;
    this.local = local;
    this.kind = `tiered(memory+${remote.kind})`;
  }

  peekLocal(key: string): Envelope | undefined {
    return this.local.peekLocal(key);
  }

  async get(key: string, options?: StoreReadOptions): Promise<StoredEntry | undefined> {
    const local = this.local.peekLocal(key);
    if (local) return { envelope: local, source: 'memory' };
    return this.remote.get(key, options);
  }

  adoptLocal(key: string, envelope: Envelope, bytes: number): void {
    this.local.put(key, envelope, bytes);
  }

  async set(key: string, envelope: Envelope, json?: string): Promise<void> {
    await this.local.set(key, envelope, json);
    await this.remote.set(key, envelope, json);
  }

  async delete(key: string): Promise<void> {
    await this.local.delete(key);
    await this.remote.delete(key);
  }

  async getDocument(name: string): Promise<string | undefined> {
    try {
      const remote = await this.remote.getDocument(name);
      if (remote !== undefined) await this.local.setDocument(name, remote);
      return remote ?? (await this.local.getDocument(name));
    } catch {
      return this.local.getDocument(name);
    }
  }

  async setDocument(name: string, json: string): Promise<void> {
    await this.local.setDocument(name, json);
    await this.remote.setDocument(name, json);
  }

  /** The shared tier decides; memory follows what it accepted. */
  async compareAndSetDocument(name: string, expected: string | undefined, json: string): Promise<boolean> {
    const written = await this.remote.compareAndSetDocument(name, expected, json);
    if (written) await this.local.setDocument(name, json);
    return written;
  }

  isConnected(): boolean {
    return this.remote.isConnected?.() ?? true;
  }

  waitUntilConnected(timeoutMs: number): Promise<boolean> {
    return this.remote.waitUntilConnected?.(timeoutMs) ?? Promise.resolve(true);
  }

  onReconnect(listener: () => void): void {
    this.remote.onReconnect?.(listener);
  }

  onConnectionError(listener: (error: unknown) => void): void {
    this.remote.onConnectionError?.(listener);
  }

  async close(): Promise<void> {
    await this.local.close();
    await this.remote.close();
  }
}
