import { contentVersion } from '@catalog/cache-kernel';
import { createRedisClient, RedisStore } from '@catalog/cache-kernel/redis';
import { CatalogModelList } from '@catalog/provider-contract';

/** What the shared store holds for one provider, read with the kernel's own decoder. */
export type StoredState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'valid'; readonly count: number; readonly fetchedAt: number; readonly version: string }
  | { readonly kind: 'invalid'; readonly problem: string };

/** Reads catalog entries from a Redis the way an API instance would, to judge what it holds. */
export class StoreReader {
  readonly #store: RedisStore;

  constructor(redisUrl: string) {
    const client = createRedisClient({ urls: [redisUrl], maxReconnectDelayMs: 200 });
    client.on('error', () => undefined); // a scenario may stop this Redis; reads then fail and say so
    this.#store = new RedisStore({ client, readTimeoutMs: 2_000 });
  }

  /**
   * One provider's entry: absent, valid (decodes, is a list every entry of which the catalog
   * accepts, and its content matches its version) or invalid (and why).
   */
  async entry(provider: string): Promise<StoredState> {
    let stored;
    try {
      await this.#store.waitUntilConnected(2_000);
      stored = await this.#store.get(provider);
    } catch (error) {
      return { kind: 'invalid', problem: (error as Error).message };
    }
    if (!stored) return { kind: 'absent' };
    const { envelope } = stored;
    const list = CatalogModelList.safeParse(envelope.value);
    if (!list.success) return { kind: 'invalid', problem: `not a model list: ${list.error.message.slice(0, 200)}` };
    if (contentVersion(JSON.stringify(envelope.value)) !== envelope.version) {
      return { kind: 'invalid', problem: `content does not match its version ${envelope.version}` };
    }
    return { kind: 'valid', count: list.data.length, fetchedAt: envelope.fetchedAt, version: envelope.version };
  }

  close(): Promise<void> {
    return this.#store.close();
  }
}
