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

export type FixtureChange =
  | { status: number; body: string; headers?: Record<string, string> }
  | {
      /** Changes the model list of the main route (or of every route with `allRoutes`). */
      editList: (list: unknown[]) => void;
      allRoutes?: boolean;
    };

export interface FixtureVariantOptions {
  /** The routes the variant is about (default all): a fixture set may serve two modes. */
  routes?: (route: FixtureRoute) => boolean;
  /** Finds the model list in a payload (default: test-kit's findModelList, the longest array). */
  findList?: (body: unknown) => unknown[] | undefined;
}

/**
 * A temporary copy of a provider's fixtures where the main route answers differently: another
 * status/body, or its model list (or every route's) changed by `editList`.
 */
export function fixtureVariant(
  fixturesDir: string,
  change: FixtureChange,
  options: FixtureVariantOptions = {},
): FixtureVariant {
  const dir = mkdtempSync(path.join(tmpdir(), 'catalog-fixture-'));
  cpSync(fixturesDir, dir, { recursive: true });
  const set = loadFixtureSet(dir);
  const routes = set.routes.map((route) => ({ ...route }));
  const selected = routes.filter((route) => options.routes?.(route) ?? true);
  if (selected.length === 0) throw new Error(`${fixturesDir}: no route of routes.json is selected`);
  const main = selected[mainRouteIndex(selected)]!;
  if ('editList' in change) {
    const files = change.allRoutes ? [...new Set(selected.map((route) => route.file))] : [main.file];
    for (const name of files) {
      const file = path.join(dir, name);
      const body: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const list = (options.findList ?? findModelList)(body);
      if (!list) {
        if (name === main.file) throw new Error(`${fixturesDir}/${name}: no model list (array) found in the payload`);
        continue; // e.g. an OAuth token answer
      }
      change.editList(list);
      writeFileSync(file, JSON.stringify(body));
    }
  } else {
    writeFileSync(path.join(dir, '__variant-body.txt'), change.body);
    routes[routes.indexOf(main)] = {
      ...main,
      file: '__variant-body.txt',
      status: change.status,
      headers: change.headers ?? {},
    };
  }
  writeFileSync(path.join(dir, 'routes.json'), JSON.stringify({ routes }));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
