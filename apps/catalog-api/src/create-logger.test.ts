import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLogger, redactQuery } from './create-logger.ts';

describe('redactQuery', () => {
  it('hides the values of credential-like query parameters and keeps the rest as sent', () => {
    expect(redactQuery('/admin/cache?token=abc&limit=2')).toBe('/admin/cache?token=[redacted]&limit=2');
    expect(redactQuery('/x?api_key=1&access_token=2&X-Amz-Signature=3&q=a%20b')).toBe(
      '/x?api_key=[redacted]&access_token=[redacted]&X-Amz-Signature=[redacted]&q=a%20b',
    );
    // An encoded name is matched decoded; a malformed one as sent.
    expect(redactQuery('/x?%74oken=abc&%zz=1')).toBe('/x?%74oken=[redacted]&%zz=1');
    expect(redactQuery('/v1/models')).toBe('/v1/models');
  });
});

describe('createLogger', () => {
  it('writes to standard output without a destination, flushed when the process exits', () => {
    const module = pathToFileURL(path.join(import.meta.dirname, 'create-logger.ts')).href;
    const script = [
      `const { createLogger } = await import(${JSON.stringify(module)});`,
      "createLogger({ LOG_LEVEL: 'info' }).info({ apiKey: 'sk-secret' }, 'to stdout');",
      'process.exit(0);',
    ].join('\n');
    const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const line = JSON.parse(stdout.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: 'to stdout', apiKey: '[redacted]' });
  });

  it("Fastify's request logs carry the redacted URL", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const app = Fastify({ loggerInstance: createLogger({ LOG_LEVEL: 'info' }, sink) });
    app.get('/admin/cache', () => ({ ok: true }));
    await app.inject({ url: '/admin/cache?token=s3cret-admin-token&x=1', headers: { authorization: 'Bearer s3cret' } });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('"url":"/admin/cache?token=[redacted]&x=1"');
    expect(log).not.toContain('s3cret');
  });
});
