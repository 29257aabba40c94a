import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { findModelList, loadFixtureSet, type FixtureRoute } from '@catalog/test-kit';

/** The route the suite varies: the one marked `"main": true`, else the last (the first page). */
export function mainRouteIndex(routes: readonly (FixtureRoute & { main?: boolean })[]): number {
  const marked = routes.findIndex((route) => route.main);
  return marked >= 0 ? marked : routes.length - 1;
}

export interface FixtureVariant {
  dir: string;
  dispose(): void;
}

/**
 * A temporary copy of a provider's fixtures where the main route answers differently: another
 * status/body, or its model list changed by `editList`.
 */
export function fixtureVariant(
  fixturesDir: string,
  change: { status: number; body: string; headers?: Record<string, string> } | { editList: (list: unknown[]) => void },
): FixtureVariant {
  const dir = mkdtempSync(path.join(tmpdir(), 'catalog-fixture-'));
  cpSync(fixturesDir, dir, { recursive: true });
  const set = loadFixtureSet(dir);
  const routes = set.routes.map((route) => ({ ...route }));
  const index = mainRouteIndex(routes);
  const main = routes[index]!;
  if ('editList' in change) {
    const file = path.join(dir, main.file);
    const body: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const list = findModelList(body);
    if (!list) throw new Error(`${fixturesDir}/${main.file}: no model list (array) found in the payload`);
    change.editList(list);
    writeFileSync(file, JSON.stringify(body));
  } else {
    writeFileSync(path.join(dir, '__variant-body.txt'), change.body);
    routes[index] = { ...main, file: '__variant-body.txt', status: change.status, headers: change.headers ?? {} };
  }
  writeFileSync(path.join(dir, 'routes.json'), JSON.stringify({ routes }));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
