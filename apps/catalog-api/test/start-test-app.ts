import { startMockUpstream, type MockUpstream } from '@catalog/mock-upstream';
import { pino } from 'pino';
import { request } from 'undici';
import { loadConfig } from '../src/config.ts';
import { createApp, type App } from '../src/create-app.ts';
import { PROVIDER_FACTORIES } from '../src/provider-factories.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  app: App;
  upstream: MockUpstream;
  url: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** A dummy key for every provider that needs one (the mock upstream accepts anything). */
export function demoKeys(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const factory of Object.values(PROVIDER_FACTORIES)) {
    const auth = factory({ env: {} }).auth;
    if (auth.kind !== 'none') env[auth.envVar] = `sk-test-${auth.envVar.toLowerCase()}-secret`;
  }
  return env;
}

/** The API on a free port against the mock upstream, in memory mode unless REDIS_URL is given. */
export async function startTestApp(
  overrides: Record<string, string | undefined> = {},
  keys = demoKeys(),
): Promise<TestApp> {
  const upstream = await startMockUpstream();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    UPSTREAM_BASE_URL: upstream.url,
    ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  const app = createApp({ config, logger: pino({ level: 'silent' }), env: keys });
  const url = await app.server.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    upstream,
    url,
    env: keys,
    async close() {
      await app.close();
      await upstream.close();
    },
  };
}

/** A request to an admin route with the test token: status, parsed JSON body (when JSON), text. */
export async function adminCall(t: TestApp, method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown) {
  const response = await request(`${t.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.body.text();
  return { status: response.statusCode, json: text.startsWith('{') ? JSON.parse(text) : undefined, text };
}
