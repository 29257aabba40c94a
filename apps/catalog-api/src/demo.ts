// `pnpm demo`: the whole catalog offline. Starts the mock upstream (every provider's recorded
// payloads on loopback, with realistic latency), then the API in memory mode pointed at it, with
// a placeholder key for each provider that needs one. No network, no real keys. It listens on
// 8080, or on the port given (--port or PORT); when 8080 is taken and no port was asked for, on a
// free one (printed).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { startMockUpstream } from '@catalog/mock-upstream';
import { loadConfig } from './config.ts';
import { createApp } from './create-app.ts';
import { createLogger } from './create-logger.ts';
import { placeholderKeys } from './provider-factories.ts';

const DEFAULT_PORT = 8080;
const { values } = parseArgs({ options: { port: { type: 'string' } } });
const askedPort = values.port ?? (process.env.PORT || undefined);

/** Whether nothing listens on host:port now. */
function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

const host = process.env.HOST ?? '127.0.0.1';
let port = askedPort ?? String(DEFAULT_PORT);
let fellBack = false;
if (askedPort === undefined && !(await portFree(DEFAULT_PORT, host))) {
  port = '0';
  fellBack = true;
}
const upstream = await startMockUpstream({ knobs: { '*': { latencyMs: [20, 400] } } });

const env: Record<string, string | undefined> = placeholderKeys('demo-key-not-a-secret');
const adminToken = process.env.ADMIN_TOKEN ?? randomBytes(18).toString('base64url');
const config = loadConfig({
  ...process.env,
  PORT: port,
  HOST: host,
  UPSTREAM_BASE_URL: upstream.url,
  ADMIN_TOKEN: adminToken,
  REDIS_URL: undefined,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
const logger = createLogger(config);
const app = createApp({ config, logger, env });
let address: string;
try {
  address = await app.server.listen({ port: config.PORT, host: config.HOST });
} catch (error) {
  console.error(`catalog demo: cannot listen on ${config.HOST}:${config.PORT}: ${(error as Error).message}`);
  await upstream.close();
  process.exit(1);
}
if (fellBack) console.log(`port ${DEFAULT_PORT} is in use; the demo listens on ${new URL(address).port} instead`);
const started = Date.now();
await app.catalog.start();
const view = await app.catalog.view();
console.log(`
catalog demo (offline): ${view.models.length} models from ${app.catalog.providerSlugs().length} providers, ready in ${Date.now() - started} ms

  web page        ${address}/
  OpenAI-style    ${address}/v1/models
  catalog query   ${address}/catalog/models?q=llama&sort=price
  health          ${address}/catalog/providers
  metrics         ${address}/metrics
  OpenAPI         ${address}/openapi.json
  admin token     ${adminToken}   (curl -H "authorization: Bearer ${adminToken}" -X POST ${address}/admin/warm -H 'content-type: application/json' -d '{}')
  mock upstream   ${upstream.url}  (knobs: POST ${upstream.url}/__mock/knobs {"provider":"groq","knobs":{"status":503}})

Ctrl-C stops it.`);

const stop = () => {
  void app
    .close()
    .then(() => upstream.close())
    .then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
