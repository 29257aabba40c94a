import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { decodePayload } from '@catalog/cache-kernel/redis';
import { startMockUpstream, type MockUpstream } from '@catalog/mock-upstream';
import {
  getFreePort,
  startNodeProcess,
  startRedisServer,
  type NodeProcessHandle,
  type RedisServerHandle,
} from '@catalog/test-kit';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Probe, type ProbeResponse } from './http-probe.ts';
import { schemaArbitrary, type JsonSchema } from './schema-arbitrary.ts';
import { demoKeys } from './start-test-app.ts';

const MAIN = path.resolve(import.meta.dirname, '../src/main.ts');

/** A distinctive value per key variable: `sk-<32 hex>`; the hex core is what the scan looks for. */
const KEYS: Record<string, string> = Object.fromEntries(
  Object.keys(demoKeys()).map((envVar) => [envVar, `sk-${randomBytes(16).toString('hex')}`]),
);
const ADMIN_TOKEN = `adm-${randomBytes(16).toString('hex')}`;
const SECRETS: [name: string, value: string][] = [...Object.entries(KEYS), ['ADMIN_TOKEN', ADMIN_TOKEN]];

/**
 * What counts as a leak of `value`: the whole value, or 12 characters from the start or the end of
 * its random core (a truncated excerpt or an encoded form still gives those away).
 */
function needles(value: string): string[] {
  const core = value.slice(value.indexOf('-') + 1);
  return [value, core.slice(0, 12), core.slice(-12)];
}

/** How an upstream misbehaves, echoing back the credentials it received. */
type Fault = { status: number; body: 'json' | 'html' };

/**
 * An HTTP front for the mock upstream: records what each provider was sent and, for a faulty
 * provider, answers with the request's own headers and URL in the body, credentials first (as
 * some real APIs do in their 401 pages), instead of forwarding.
 */
async function startEchoingFront(upstream: MockUpstream) {
  const faults = new Map<string, Fault>();
  const received: { slug: string; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((request, response) => {
    const slug = (request.url ?? '/').split('/')[1] ?? '';
    received.push({ slug, headers: request.headers });
    const fault = faults.get(slug);
    if (fault) {
      const { authorization, 'x-api-key': apiKey, 'x-goog-api-key': googKey, ...rest } = request.headers;
      const echoed = { authorization, 'x-api-key': apiKey, 'x-goog-api-key': googKey, url: request.url, ...rest };
      const body =
        fault.body === 'json'
          ? JSON.stringify({ error: { message: 'invalid credentials', received: echoed } })
          : `<html><body>gateway error; request was ${JSON.stringify(echoed)}</body></html>`;
      response.writeHead(fault.status, {
        'content-type': fault.body === 'json' ? 'application/json' : 'text/html',
        ...(fault.status === 429 ? { 'retry-after': '1' } : {}),
      });
      response.end(body);
      return;
    }
    const forwarded = httpRequest(
      `${upstream.url}${request.url}`,
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forwarded.on('error', () => response.destroy());
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    faults,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every key and value in the Redis, payloads decoded (the kernel's codec: raw, gzip or brotli). */
async function dumpRedis(client: Redis): Promise<string> {
  const decode = (value: Buffer) => {
    try {
      return decodePayload(value);
    } catch {
      return value.toString('utf8');
    }
  };
  const lines: string[] = [];
  for (const key of await client.keys('*')) {
    const type = await client.type(key);
    const values: Buffer[] =
      type === 'string'
        ? [(await client.getBuffer(key))!]
        : type === 'hash'
          ? Object.entries(await client.hgetallBuffer(key)).flatMap(([field, value]) => [Buffer.from(field), value])
          : type === 'list'
            ? await client.lrangeBuffer(key, 0, -1)
            : type === 'set'
              ? await client.smembersBuffer(key)
              : type === 'zset'
                ? await client.zrangeBuffer(key, '0', '-1')
                : [Buffer.from(JSON.stringify(await client.call('XRANGE', key, '-', '+')))];
    lines.push(`${type} ${key} ${values.map(decode).join(' ')}`);
  }
  return lines.join('\n');
}

const FAULTS: Record<string, Fault> = {
  groq: { status: 401, body: 'json' }, // Authorization: Bearer
  anthropic: { status: 401, body: 'json' }, // x-api-key
  'google-vertex': { status: 403, body: 'json' }, // x-goog-api-key
  clarifai: { status: 500, body: 'json' }, // Authorization: Key
  fireworks: { status: 429, body: 'json' },
  together: { status: 200, body: 'html' }, // not JSON: the "body starts" excerpt
};
/** Fail only after a good value was served (the last error sits next to stale data). */
const LATER_FAULTS: Record<string, Fault> = {
  openai: { status: 401, body: 'json' },
  deepinfra: { status: 502, body: 'html' },
};

let redis: RedisServerHandle;
let upstream: MockUpstream;
let front: Awaited<ReturnType<typeof startEchoingFront>>;
let api: NodeProcessHandle;
let probe: Probe;
let monitor: Redis;
let reader: Redis;
let subscriber: Redis;
const redisCommands: string[] = [];
const published: string[] = [];
const responses: string[] = [];
let exitCode: number | null;
let dumps: string[] = [];

/** Keeps what the API answered (not what the test asked: a token in a request URL is the test's own). */
function record(response: ProbeResponse): ProbeResponse {
  responses.push(
    `${response.status}\n${Object.entries(response.headers)
      .map(([name, value]) => `${name}: ${String(value)}`)
      .join('\n')}\n\n${response.text}`,
  );
  return response;
}

async function send(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { token?: string | false; body?: string; contentType?: string } = {},
): Promise<ProbeResponse> {
  const token = options.token === undefined ? ADMIN_TOKEN : options.token;
  return record(
    await probe.send({
      method,
      path,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': options.contentType ?? 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: options.body } : {}),
    }),
  );
}

beforeAll(async () => {
  redis = await startRedisServer();
  monitor = new Redis(redis.url);
  const watching = await monitor.monitor();
  watching.on('monitor', (_time: string, args: string[]) => redisCommands.push(args.join(' ')));
  reader = new Redis(redis.url);
  subscriber = new Redis(redis.url);
  await subscriber.psubscribe('*');
  subscriber.on('pmessage', (_pattern: string, channel: string, message: string) =>
    published.push(`${channel} ${message}`),
  );
  upstream = await startMockUpstream();
  front = await startEchoingFront(upstream);
  for (const [slug, fault] of Object.entries(FAULTS)) front.faults.set(slug, fault);
  const port = await getFreePort();
  const env = { ...process.env };
  for (const name of ['PROVIDERS', 'CACHE_ROLLOUT', 'REDIS_MODE', 'REDIS_KEY_PREFIX']) delete env[name];
  api = startNodeProcess(MAIN, [], {
    env: {
      ...env,
      ...KEYS,
      ADMIN_TOKEN,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      UPSTREAM_BASE_URL: front.url,
      LOG_LEVEL: 'trace',
      UPSTREAM_TIMEOUT_MS: '5000',
    },
  });
  await api.waitFor(/catalog ready/, 60_000);
  probe = new Probe(`http://127.0.0.1:${port}`);
});

afterAll(async () => {
  await probe?.close();
  api?.kill();
  await front?.close();
  await upstream?.close();
  monitor?.disconnect();
  reader?.disconnect();
  subscriber?.disconnect();
  await redis?.stop();
});

describe('secrets never leave the process', () => {
  it('exercise: every route (from /openapi.json), with upstream failures echoing the keys, then SIGTERM', async () => {
    dumps.push(await dumpRedis(reader));
    // Providers that fail once a good value is cached.
    for (const [slug, fault] of Object.entries(LATER_FAULTS)) front.faults.set(slug, fault);
    expect(
      (await send('POST', '/admin/warm', { body: JSON.stringify({ providers: Object.keys(LATER_FAULTS) }) })).status,
    ).toBe(200);
    expect((await send('POST', '/admin/invalidate', { body: JSON.stringify({ provider: 'openrouter' }) })).status).toBe(
      200,
    );

    const doc = JSON.parse((await send('GET', '/openapi.json')).text) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: { 'application/json': { schema: JsonSchema } } } }>
      >;
    };
    const ids = (JSON.parse((await send('GET', '/v1/models')).text) as { data: { id: string }[] }).data.map(
      (m) => m.id,
    );
    const version = (JSON.parse((await send('GET', '/catalog/stats')).text) as { version?: string }).version ?? 'x';
    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const verb = method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE';
        const paths = [
          template.replace('{id}', encodeURIComponent(ids[0]!)).replace('{slug}', 'groq'),
          template.replace('{id}', 'no-such-model').replace('{slug}', 'anthropic'),
          template.replace('{id}', '%FF').replace('{slug}', 'Not_A_Slug'),
        ];
        const queries = template === '/catalog/changes' ? [`?since=${version}`, '?since=0'] : ['', '?nonsense=1'];
        const bodies = op.requestBody
          ? fc.sample(schemaArbitrary(op.requestBody.content['application/json'].schema), { numRuns: 3, seed: 7 })
          : [undefined];
        for (const p of new Set(paths)) {
          for (const query of queries) {
            for (const body of bodies) {
              await send(verb, `${p}${query}`, body === undefined ? {} : { body: JSON.stringify(body) });
            }
          }
        }
      }
    }
    // Responses that carry upstream errors: provider health, cache status, readiness, metrics.
    const health = JSON.parse((await send('GET', '/catalog/providers')).text) as {
      data: { provider: string; state: string; lastError?: { message: string; reason: string } }[];
    };
    const failing = health.data.filter((h) => h.lastError).map((h) => h.provider);
    expect(failing).toEqual(expect.arrayContaining([...Object.keys(FAULTS), ...Object.keys(LATER_FAULTS)]));
    expect(health.data.find((h) => h.provider === 'groq')!.lastError!.message).toContain('answered 401');
    // openai failed once it had a value: its models are still served, the error beside them.
    expect(health.data.find((h) => h.provider === 'openai')!.lastError!.message).toContain('answered 401');
    const served = JSON.parse((await send('GET', '/catalog/models?provider=openai&limit=1')).text) as { total: number };
    expect(served.total).toBeGreaterThan(0);
    await send('GET', '/admin/cache');
    await send('GET', '/system/cache');
    expect((await send('GET', '/metrics', { token: false })).text).toContain('catalog_');
    // Last, as they end in the admin rate limit: no token, a wrong one, one in the URL (refused, and
    // not to be logged either), a body that is not JSON.
    for (const [template, methods] of Object.entries(doc.paths)) {
      if (!template.startsWith('/admin')) continue;
      for (const [method, op] of Object.entries(methods)) {
        const verb = method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE';
        await send(verb, template, { token: false });
        await send(verb, template, { token: `${ADMIN_TOKEN}x` });
        await send(verb, `${template}?token=${ADMIN_TOKEN}`);
        if (op.requestBody) await send(verb, template, { body: '{"provider":', contentType: 'text/plain' });
      }
    }
    expect(responses.some((r) => r.startsWith('429\n'))).toBe(true);

    dumps.push(await dumpRedis(reader));
    api.child.kill('SIGTERM');
    exitCode = await api.exited;
    expect(exitCode).toBe(0);
  }, 60_000);

  it('the keys were really sent upstream (so a leak would have something to leak)', () => {
    const sent = JSON.stringify(front.received.map((r) => r.headers));
    for (const [envVar, value] of Object.entries(KEYS)) {
      expect(sent.includes(value), `${envVar} reached its upstream`).toBe(true);
    }
  });

  const sources: [name: string, text: () => string][] = [
    ['the process output (pino at trace level, stdout and stderr)', () => api.output()],
    ['API responses: status, headers and bodies (error messages, health, metrics)', () => responses.join('\n')],
    ['Redis keys and values, payloads decoded', () => dumps.join('\n')],
    ['every command Redis received (MONITOR)', () => redisCommands.join('\n')],
    ['every message published on Redis', () => published.join('\n')],
  ];
  it.each(sources)('no key or token in %s', (_name, text) => {
    const haystack = text();
    expect(haystack.length).toBeGreaterThan(0);
    const leaks = SECRETS.flatMap(([secret, value]) =>
      needles(value)
        .filter((needle) => haystack.includes(needle))
        .map((needle) => {
          const at = haystack.indexOf(needle);
          return `${secret}: …${haystack.slice(Math.max(0, at - 120), at + 40)}…`;
        }),
    );
    expect(leaks).toEqual([]);
  });

  it('the scan has what it needs: failures logged, Redis used, published events seen', () => {
    expect(api.output()).toContain('answered 401');
    expect(dumps.at(-1)).toMatch(/\S/);
    expect(redisCommands.some((c) => /^(set|eval|evalsha)/i.test(c))).toBe(true);
    expect(responses.length).toBeGreaterThan(50);
  });
});
