import { z } from 'zod';
import { parsePrometheusText, type MetricSample } from './prometheus-text.ts';

// What the fault matrix reads from the API. Responses are `unknown` until these schemas parse them.

export const ProviderHealth = z.looseObject({
  provider: z.string(),
  state: z.enum(['fresh', 'stale', 'stale-error', 'bundled', 'missing', 'not-configured']),
  modelCount: z.number().int(),
  skippedCount: z.number().int(),
  zeroModels: z.boolean(),
  fetchedAt: z.string().optional(),
  lastError: z.object({ message: z.string(), reason: z.string(), at: z.string() }).optional(),
  breaker: z.enum(['closed', 'half-open', 'open']),
});
export type ProviderHealth = z.infer<typeof ProviderHealth>;

const HealthList = z.object({ data: z.array(ProviderHealth) });
export const ModelList = z.object({ object: z.literal('list'), data: z.array(z.object({ id: z.string() })) });
export const CatalogPage = z.looseObject({ object: z.literal('catalog.page'), total: z.number().int() });
const ProviderModels = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), description: z.string().optional() })),
});
const SystemCache = z.looseObject({
  redis: z.object({ configured: z.boolean(), connected: z.boolean().nullable() }),
});

const READ_TIMEOUT_MS = 5_000;

export class ApiReadError extends Error {
  readonly status: number | undefined;
  constructor(url: string, problem: string, status?: number) {
    super(`GET ${url}: ${problem}`);
    this.name = 'ApiReadError';
    this.status = status;
  }
}

async function getText(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
  return { status: response.status, text: await response.text() };
}

/** GET `url` and parse its 200 JSON body with `schema`. */
export async function getJson<T>(url: string, schema: z.ZodType<T>): Promise<T> {
  const { status, text } = await getText(url);
  if (status !== 200) throw new ApiReadError(url, `answered ${status}: ${text.slice(0, 300)}`, status);
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new ApiReadError(url, `unexpected body: ${parsed.error.message.slice(0, 300)}`, status);
  return parsed.data;
}

/** /catalog/providers: every provider's health. */
export async function readHealth(api: string): Promise<ProviderHealth[]> {
  return (await getJson(`${api}/catalog/providers`, HealthList)).data;
}

/** One provider's health (throws when the API does not list it). */
export async function readProviderHealth(api: string, provider: string): Promise<ProviderHealth> {
  const found = (await readHealth(api)).find((h) => h.provider === provider);
  if (!found) throw new ApiReadError(`${api}/catalog/providers`, `no provider ${provider}`);
  return found;
}

export async function readMetrics(api: string): Promise<MetricSample[]> {
  const { status, text } = await getText(`${api}/metrics`);
  if (status !== 200) throw new ApiReadError(`${api}/metrics`, `answered ${status}`, status);
  return parsePrometheusText(text);
}

/** The ids /v1/models lists. */
export async function readModelIds(api: string): Promise<string[]> {
  return (await getJson(`${api}/v1/models`, ModelList)).data.map((m) => m.id);
}

/** The total a /catalog/models query reports (default: the whole merged catalog). */
export async function readCatalogTotal(api: string, path = '/catalog/models?limit=1'): Promise<number> {
  return (await getJson(`${api}${path}`, CatalogPage)).total;
}

/** One provider's models as served. */
export async function readProviderModels(api: string, provider: string) {
  return (await getJson(`${api}/catalog/providers/${provider}/models`, ProviderModels)).data;
}

/** Whether the API is connected to its Redis now (null: it has none). */
export async function readRedisConnected(api: string): Promise<boolean | null> {
  return (await getJson(`${api}/system/cache`, SystemCache)).redis.connected;
}

/** The status of GET `path` (the body is read and dropped). */
export async function statusOf(api: string, path: string): Promise<number> {
  return (await getText(`${api}${path}`)).status;
}
