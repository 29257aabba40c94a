// The "corrupt value" scenario's damage, done binary-safe through ioredis (redis-cli arguments
// cannot carry every byte) and, where a well-formed entry is needed, through the kernel's own store.
import { createRedisClient, RedisStore } from '@catalog/cache-kernel/redis';
import { entryKey } from './redis-keys.ts';

/** What an entry holds now: its bytes (field `e`); throws when the scenario's provider has none yet. */
async function entryBytes(client: ReturnType<typeof createRedisClient>, provider: string): Promise<Buffer> {
  const entry = await client.hgetBuffer(entryKey(provider), 'e');
  if (!entry) throw new Error(`corrupt value: ${provider} has no stored entry to damage (was it warmed up?)`);
  return entry;
}

/**
 * groq: the entry cut short after its header (a truncated write); openai: a well-formed entry (same
 * version and fence) whose value is not a model list; together: a header of an unknown layout, and
 * the metadata field (`m`) not JSON.
 */
export async function damageEntries(redisUrl: string): Promise<void> {
  const client = createRedisClient({ urls: [redisUrl] });
  const store = new RedisStore({ client, ownsClient: false });
  try {
    if (!(await store.waitUntilConnected(2_000))) throw new Error('corrupt value: Redis did not connect');
    const groq = await entryBytes(client, 'groq');
    await client.hset(entryKey('groq'), 'e', groq.subarray(0, Math.ceil(groq.length / 2)));

    const openai = await store.get('openai');
    if (!openai) throw new Error('corrupt value: openai has no stored entry to damage');
    const wrong = {
      ...openai.envelope,
      value: [{ id: 42, provider: 'NOT A SLUG' }],
      fence: openai.envelope.fence ?? 0,
    };
    if (!(await store.setFenced('openai', wrong))) throw new Error('corrupt value: the wrong-schema write was refused');

    const together = Buffer.from(await entryBytes(client, 'together'));
    together[0] = 0xff;
    await client.hset(entryKey('together'), 'e', together, 'm', '{"fetchedAt":');
  } finally {
    await store.close();
    client.disconnect();
  }
}
