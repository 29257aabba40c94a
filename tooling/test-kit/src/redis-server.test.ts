import { describe, expect, it } from 'vitest';
import { startRedisServer } from './redis-server.ts';

describe('startRedisServer', () => {
  it('starts, answers, crashes, restarts empty and stops', async () => {
    const redis = await startRedisServer();
    try {
      expect(redis.port).toBeGreaterThan(0);
      expect(redis.port).not.toBe(6379);
      expect(redis.cli('SET', 'k', 'v')).toBe('OK');
      await redis.kill();
      expect(redis.running).toBe(false);
      await redis.restart();
      expect(redis.running).toBe(true);
      expect(redis.cli('GET', 'k')).toBe('');
    } finally {
      await redis.stop();
    }
    expect(redis.running).toBe(false);
  });
});
