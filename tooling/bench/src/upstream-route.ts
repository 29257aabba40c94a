import { discoverProviderFixtures } from '@catalog/mock-upstream';
import { loadFixtureSet } from '@catalog/test-kit/fixtures';
import { Agent, request } from 'undici';

/** Every provider slug the mock upstream serves, sorted. */
export function upstreamSlugs(): string[] {
  return [...discoverProviderFixtures().keys()].sort();
}

/** The path and query (relative to the provider's base URL) of a provider's main list route: one request, one page. */
export function mainRoutePath(slug: string): string {
  const dir = discoverProviderFixtures().get(slug);
  if (!dir) throw new Error(`the mock upstream has no provider "${slug}"`);
  const { routes } = loadFixtureSet(dir);
  const main = routes.find((r) => (r as { main?: boolean }).main) ?? routes.find((r) => !r.query) ?? routes[0]!;
  const query = new URLSearchParams(main.query ?? {}).toString();
  return query ? `${main.path}?${query}` : main.path;
}

const agent = new Agent({ keepAliveTimeout: 30_000, connections: 64 });

/**
 * GET a URL and parse its JSON body (what a provider fetch does, minus the provider's mapping):
 * the upstream call behind the kernel keys of scenarios 3, 4 and 9, and their direct baseline.
 */
export async function fetchJson(url: string, signal?: AbortSignal): Promise<unknown> {
  const response = await request(url, { dispatcher: agent, ...(signal ? { signal } : {}) });
  const text = await response.body.text();
  if (response.statusCode !== 200) {
    throw Object.assign(new Error(`${url}: HTTP ${response.statusCode}`), { reason: `http_${response.statusCode}` });
  }
  return JSON.parse(text) as unknown;
}
