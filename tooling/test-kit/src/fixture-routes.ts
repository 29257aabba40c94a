import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A provider's recorded upstream payloads: `src/__fixtures__/routes.json` lists which file
 * answers which request. MSW tests and the mock upstream server both serve from it, so the two
 * never drift apart.
 *
 * routes.json: { "routes": [ { "path": "/models", "query": { "page": "2" }, "file": "models-page-2.json",
 *                               "status": 200, "headers": { "link": "<{{baseURL}}/models?page=3>; rel=\"next\"" } } ] }
 * Paths are relative to the provider's base URL. Routes are tried in order; a route matches when
 * the path is equal and every listed query parameter has the listed value, so list the more
 * specific routes (later pages) first. `{{baseURL}}` in files and header values is replaced by the
 * base URL the payload is served under.
 */
export interface FixtureRoute {
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly file: string;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FixtureSet {
  readonly dir: string;
  readonly routes: readonly FixtureRoute[];
}

export function loadFixtureSet(dir: string): FixtureSet {
  const manifestPath = path.join(dir, 'routes.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { routes?: FixtureRoute[] };
  if (!Array.isArray(manifest.routes) || manifest.routes.length === 0) {
    throw new Error(`${manifestPath}: expected { "routes": [ ... ] } with at least one route`);
  }
  return { dir, routes: manifest.routes };
}

/** The route answering `pathname` + `searchParams`, relative to the base path, or undefined. */
export function matchFixtureRoute(
  set: FixtureSet,
  relativePath: string,
  searchParams: URLSearchParams,
): FixtureRoute | undefined {
  const wanted = normalizePath(relativePath);
  return set.routes.find(
    (route) =>
      normalizePath(route.path) === wanted &&
      Object.entries(route.query ?? {}).every(([name, value]) => searchParams.get(name) === value),
  );
}

/** The body and headers of a route, with `{{baseURL}}` filled in. */
export function renderFixtureRoute(
  set: FixtureSet,
  route: FixtureRoute,
  baseURL: string,
): { status: number; headers: Record<string, string>; body: string } {
  const fill = (text: string) => text.replaceAll('{{baseURL}}', baseURL.replace(/\/+$/, ''));
  const body = fill(readFileSync(path.join(set.dir, route.file), 'utf8'));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(route.headers ?? {})) headers[name.toLowerCase()] = fill(value);
  return { status: route.status ?? 200, headers, body };
}

function normalizePath(p: string): string {
  return '/' + p.replace(/^\/+|\/+$/g, '');
}
