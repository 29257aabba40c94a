// `pnpm demo`: the whole catalog offline. Starts the mock upstream (every provider's recorded
// payloads on loopback, with realistic latency), then the API in memory mode pointed at it, with
// a placeholder key for each provider that needs one. No network, no real keys.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startMockUpstream } from '@catalog/mock-upstream';
import { loadConfig } from './config.ts';
import { createApp } from './create-app.ts';
import { createLogger } from './create-logger.ts';
import { PROVIDER_FACTORIES } from './provider-factories.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: process.env.PORT ?? '8080' } } });
const upstream = await startMockUpstream({ knobs: { '*': { latencyMs: [20, 400] } } });

const env: Record<string, string | undefined> = {};
for (const factory of Object.values(PROVIDER_FACTORIES)) {
  const auth = factory({ env: {} }).auth;
  if (auth.kind !== 'none') env[auth.envVar] = 'demo-key-not-a-secret';
}
const adminToken = process.env.ADMIN_TOKEN ?? randomBytes(18).toString('base64url');
const config = loadConfig({
  ...process.env,
  PORT: values.port,
  HOST: process.env.HOST ?? '127.0.0.1',
  UPSTREAM_BASE_URL: upstream.url,
  ADMIN_TOKEN: adminToken,
  REDIS_URL: undefined,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
const logger = createLogger(config);
const app = createApp({ config, logger, env });
const address = await app.server.listen({ port: config.PORT, host: config.HOST });
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
