/**
 * Measures how the Redis payload codec does on real catalog data: every provider package in
 * providers/ is run (its own factory, fetchModels) against its recorded fixtures served by the
 * test-kit upstream server, the unified records of all of them are joined into one list, and
 * that list's JSON is encoded raw, with gzip and with brotli (the RedisStore defaults).
 *
 *   pnpm --filter @catalog/cache-kernel measure:compression [-- --rounds 50]
 *
 * Prints the Markdown table the README shows. Times are medians over the rounds, on this machine.
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createUpstreamServer } from '@catalog/test-kit/upstream';
import { decodePayload, encodePayload, type Compression } from '../src/redis/payload-codec.ts';

const PROVIDERS_DIR = path.resolve(import.meta.dirname, '../../../providers');
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 50;

interface ProviderLike {
  slug: string;
  fetchModels(): Promise<{ models: unknown[] }>;
}

async function unifiedRecords(): Promise<{ records: unknown[]; providers: number; failed: string[] }> {
  const upstream = createUpstreamServer();
  upstream.listen();
  const records: unknown[] = [];
  const failed: string[] = [];
  let providers = 0;
  try {
    for (const id of readdirSync(PROVIDERS_DIR).sort()) {
      const dir = path.join(PROVIDERS_DIR, id, 'src');
      if (!existsSync(path.join(dir, 'index.ts')) || !existsSync(path.join(dir, '__fixtures__', 'routes.json')))
        continue;
      const exports = (await import(pathToFileURL(path.join(dir, 'index.ts')).href)) as Record<string, unknown>;
      const factory = Object.entries(exports).find(
        ([name, value]) => name.startsWith('create') && typeof value === 'function',
      )?.[1] as ((settings: object) => ProviderLike) | undefined;
      if (!factory) {
        failed.push(`${id} (no create* factory)`);
        continue;
      }
      const baseURL = `https://fixtures.example.test/${id}`;
      upstream.serveFixtures(path.join(dir, '__fixtures__'), baseURL);
      try {
        const provider = factory({ baseURL, apiKey: 'measure-compression-key', env: {} });
        const { models } = await provider.fetchModels();
        records.push(...models);
        providers++;
      } catch (error) {
        failed.push(`${id} (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  } finally {
    upstream.close();
  }
  return { records, providers, failed };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(json: string, compression: Compression) {
  const encodeMs: number[] = [];
  const decodeMs: number[] = [];
  let bytes = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let started = performance.now();
    const payload = encodePayload(json, { compression, compressAboveBytes: 0 });
    encodeMs.push(performance.now() - started);
    started = performance.now();
    if (decodePayload(payload) !== json) throw new Error(`${compression}: the round trip changed the payload`);
    decodeMs.push(performance.now() - started);
    bytes = payload.length;
  }
  return { bytes, encodeMs: median(encodeMs), decodeMs: median(decodeMs) };
}

const { records, providers, failed } = await unifiedRecords();
const distinct = [...new Map(records.map((record) => [JSON.stringify(record), record])).values()];
const json = JSON.stringify(distinct);
const raw = Buffer.byteLength(json);
const groups = (n: number) => n.toLocaleString('en-US').replaceAll(',', ' ');
const rows: [string, Compression][] = [
  ['none', 'none'],
  ['gzip (level 6)', 'gzip'],
  ['brotli (quality 5, default)', 'brotli'],
];

console.log(
  `${distinct.length} distinct unified records from ${providers} providers (${(raw / 1000).toFixed(1)} KB of JSON), ` +
    `${ROUNDS} rounds, Node ${process.version}:\n`,
);
console.log('| encoding | stored bytes | ratio | encode | decode |');
console.log('| --- | --- | --- | --- | --- |');
for (const [label, compression] of rows) {
  const result = measure(json, compression);
  console.log(
    `| ${label} | ${groups(result.bytes)} | ${(raw / result.bytes).toFixed(1)}× | ` +
      `${result.encodeMs.toFixed(2)} ms | ${result.decodeMs.toFixed(2)} ms |`,
  );
}
if (failed.length > 0) console.log(`\nNot measured: ${failed.join('; ')}`);
