import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadFixtureSet } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { fixtureVariant, mainRouteIndex } from './fixture-variants.ts';

function fixtures(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'variants-test-'));
  writeFileSync(
    path.join(dir, 'routes.json'),
    JSON.stringify({
      routes: [
        { path: '/models', query: { page: '2' }, file: 'p2.json' },
        { path: '/models', file: 'p1.json' },
      ],
    }),
  );
  writeFileSync(path.join(dir, 'p1.json'), JSON.stringify({ data: [{ id: 'a' }, { id: 'b' }], next: 2 }));
  writeFileSync(path.join(dir, 'p2.json'), JSON.stringify({ data: [{ id: 'c' }] }));
  return dir;
}

describe('fixture variants', () => {
  it('picks the route marked main, else the last one (the first page)', () => {
    expect(
      mainRouteIndex([
        { path: '/a', file: 'a' },
        { path: '/b', file: 'b' },
      ]),
    ).toBe(1);
    expect(
      mainRouteIndex([
        { path: '/a', file: 'a', main: true },
        { path: '/b', file: 'b' },
      ]),
    ).toBe(0);
  });

  it('replaces the main route with another status and body, leaving the original untouched', () => {
    const dir = fixtures();
    const variant = fixtureVariant(dir, { status: 503, body: 'down', headers: { 'retry-after': '3' } });
    const set = loadFixtureSet(variant.dir);
    expect(set.routes[1]).toMatchObject({ status: 503, headers: { 'retry-after': '3' } });
    expect(readFileSync(path.join(variant.dir, set.routes[1]!.file), 'utf8')).toBe('down');
    expect(loadFixtureSet(dir).routes[1]).toEqual({ path: '/models', file: 'p1.json' });
    variant.dispose();
    expect(existsSync(variant.dir)).toBe(false);
  });

  it('empties every route with a list when asked (allRoutes), leaving list-less routes alone', () => {
    const dir = fixtures();
    writeFileSync(path.join(dir, 'token.json'), JSON.stringify({ access_token: 't' }));
    const manifest = JSON.parse(readFileSync(path.join(dir, 'routes.json'), 'utf8'));
    manifest.routes.unshift({ path: '/token', file: 'token.json' });
    writeFileSync(path.join(dir, 'routes.json'), JSON.stringify(manifest));
    const variant = fixtureVariant(dir, { editList: (list) => list.splice(0), allRoutes: true });
    expect(JSON.parse(readFileSync(path.join(variant.dir, 'p1.json'), 'utf8')).data).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(variant.dir, 'p2.json'), 'utf8')).data).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(variant.dir, 'token.json'), 'utf8'))).toEqual({ access_token: 't' });
    variant.dispose();
  });

  it('varies the main route among the selected routes only', () => {
    const dir = fixtures();
    const variant = fixtureVariant(dir, { status: 500, body: 'x' }, { routes: (r) => r.file === 'p2.json' });
    expect(loadFixtureSet(variant.dir).routes[0]).toMatchObject({ status: 500, file: '__variant-body.txt' });
    expect(loadFixtureSet(variant.dir).routes[1]).toEqual({ path: '/models', file: 'p1.json' });
    variant.dispose();
    expect(() => fixtureVariant(dir, { status: 500, body: 'x' }, { routes: () => false })).toThrow(/no route/);
  });

  it('edits the model list of the main route only', () => {
    const variant = fixtureVariant(fixtures(), { editList: (list) => list.push({ id: 'z' }) });
    expect(JSON.parse(readFileSync(path.join(variant.dir, 'p1.json'), 'utf8')).data).toHaveLength(3);
    expect(JSON.parse(readFileSync(path.join(variant.dir, 'p2.json'), 'utf8')).data).toHaveLength(1);
    variant.dispose();
  });
});
