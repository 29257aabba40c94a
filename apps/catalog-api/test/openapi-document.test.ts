import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as responses from '../src/http/response-schemas.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './start-test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.catalog.start();
});
afterAll(() => t.close());

const getJson = async (path: string) => {
  const response = await fetch(`${t.url}${path}`);
  return { status: response.status, body: (await response.json()) as unknown };
};

type Operation = {
  parameters?: { name: string; in: string; required: boolean; schema: unknown }[];
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }>; $ref?: string }>;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: unknown };

describe('the OpenAPI document', () => {
  it('names every templated path parameter, and only those, as a required path parameter', async () => {
    const doc = (await getJson('/openapi.json')).body as Document;
    expect(doc.openapi).toBe('3.1.0');
    for (const [path, methods] of Object.entries(doc.paths)) {
      expect(path, 'no Fastify syntax left in a documented path').not.toMatch(/[:*]/);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, operation] of Object.entries(methods)) {
        const inPath = (operation.parameters ?? []).filter((p) => p.in === 'path');
        expect(inPath.map((p) => p.name).sort(), `${method} ${path}`).toEqual(templated);
        for (const parameter of inPath) expect(parameter.required).toBe(true);
      }
    }
    expect(doc.paths['/v1/models/{id}']?.get?.parameters?.[0]?.name).toBe('id');
    expect(doc.paths['/catalog/models/{id}']?.get?.responses['404']).toBeDefined();
  });

  it('resolves every $ref it uses', async () => {
    const doc = (await getJson('/openapi.json')).body as Document;
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const target = ref.split('/').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], doc);
      expect(target, ref).toBeDefined();
    }
  });

  it('documents a 200 body for every catalog and OpenAI route, and the real bodies match it', async () => {
    const doc = (await getJson('/openapi.json')).body as Document;
    const documented = (path: string) => doc.paths[path]!.get!.responses['200']!.content!['application/json']!.schema;
    const cases: [path: string, template: string, schema: z.ZodType][] = [
      ['/catalog/models?limit=5', '/catalog/models', responses.CatalogPage],
      ['/catalog/models/anthropic%2Fclaude-3.5-sonnet', '/catalog/models/{id}', responses.ModelMatches],
      ['/catalog/providers', '/catalog/providers', responses.ProviderHealthList],
      ['/catalog/providers/openrouter/models', '/catalog/providers/{slug}/models', responses.ProviderModels],
      ['/catalog/stats', '/catalog/stats', responses.CatalogStats],
    ];
    const version = ((await getJson('/catalog/stats')).body as { version: string }).version;
    cases.push([`/catalog/changes?since=${version}`, '/catalog/changes', responses.CatalogChanges]);
    for (const [path, template, schema] of cases) {
      expect(Object.keys(documented(template)), template).toContain('properties');
      const { status, body } = await getJson(path);
      expect(status, path).toBe(200);
      const parsed = schema.safeParse(body);
      expect(parsed.success ? [] : parsed.error.issues, path).toEqual([]);
    }
    for (const path of ['/v1/models', '/v1/models/{id}']) expect(documented(path)).toHaveProperty('properties');
  });

  it('documents the error statuses the routes really answer', async () => {
    const doc = (await getJson('/openapi.json')).body as Document;
    const changes = doc.paths['/catalog/changes']!.get!.responses;
    expect(changes['410']?.content?.['application/json']).toBeDefined();
    expect((await getJson('/catalog/changes?since=v0-unknown')).status).toBe(410);
    const admin = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => (operation as { security?: unknown }).security)
        .map(([method, operation]) => ({ path, method, operation })),
    );
    expect(admin.length).toBeGreaterThan(3);
    for (const { path, method, operation } of admin) {
      expect(Object.keys(operation.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '429']));
    }
    expect(Object.keys(doc.paths['/catalog/providers/{slug}/models']!.get!.responses)).toEqual(
      expect.arrayContaining(['404', '414']),
    );
    expect((await getJson(`/catalog/providers/${'a'.repeat(2_000)}/models`)).status).toBe(414);
    expect(Object.keys(doc.paths['/catalog/models/{id}']!.get!.responses)).not.toContain('414');
    expect((await getJson(`/catalog/models/${'a'.repeat(2_000)}`)).status).toBe(400);
    const warm = doc.paths['/admin/warm']!.post!;
    expect(Object.keys(warm.responses)).toEqual(expect.arrayContaining(['400', '413', '415']));
    const notJson = await fetch(`${t.url}/admin/warm`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/plain' },
      body: 'groq',
    });
    expect(notJson.status).toBe(415);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
  });
});
