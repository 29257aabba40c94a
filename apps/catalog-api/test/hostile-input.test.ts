import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError, Probe, rawHttp, type ProbeResponse } from './http-probe.ts';
import { hostileUrlText, percentEncode, schemaArbitrary, type JsonSchema } from './schema-arbitrary.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './start-test-app.ts';

interface Parameter {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  admin: boolean;
  bodySchema: JsonSchema | undefined;
}

/** fast-check settings: bounded runs (FC_RUNS to change), FC_SEED to replay a failure (its seed is in the message). */
function fuzz<T>(numRuns: number): fc.Parameters<T> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  return {
    numRuns: process.env.FC_RUNS ? Number(process.env.FC_RUNS) : numRuns,
    ...(seed !== undefined ? { seed } : {}),
    endOnFailure: false,
    verbose: 1,
  };
}

/** Statuses a route may answer besides 200, 400 and 404 (the change feed's "too old": 410). */
const EXTRA_STATUSES: Record<string, number[]> = { '/catalog/changes': [410] };

/** Every route's answer to hostile input: never a 5xx; an error is the API's JSON error shape. */
function expectHandled(response: ProbeResponse, op: Operation, also: number[] = []): void {
  const allowed = [200, 400, 404, ...(EXTRA_STATUSES[op.path] ?? []), ...also];
  if (response.status === 200) {
    if (String(response.headers['content-type']).startsWith('application/json')) JSON.parse(response.text);
    return;
  }
  expectApiError(response, allowed);
}

let t: TestApp;
let probe: Probe;
let operations: Operation[];
let modelIds: string[];
let slugs: string[];
let version: string;

beforeAll(async () => {
  t = await startTestApp();
  await t.app.catalog.start();
  probe = new Probe(t.url);
  const doc = JSON.parse((await probe.send({ path: '/openapi.json' })).text) as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Parameter[];
          security?: unknown[];
          requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
        }
      >
    >;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      admin: op.security !== undefined,
      bodySchema: op.requestBody?.content['application/json'].schema,
    })),
  );
  const models = JSON.parse((await probe.send({ path: '/v1/models' })).text) as { data: { id: string }[] };
  modelIds = models.data.map((m) => m.id);
  const providers = JSON.parse((await probe.send({ path: '/catalog/providers' })).text) as {
    version: string;
    data: { provider: string }[];
  };
  slugs = providers.data.map((p) => p.provider);
  version = providers.version;
});
afterAll(async () => {
  await probe.close();
  await t.close();
});

/** A valid value for each path parameter, so query fuzzing reaches the handler. */
function concretePath(op: Operation): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    name === 'slug' ? slugs[0]! : name === 'id' ? percentEncode(modelIds[0]!) : name,
  );
}

describe('the fuzzed surface comes from /openapi.json', () => {
  it('lists every public route, its query and path parameters', () => {
    const publicGets = operations.filter((op) => op.method === 'GET' && !op.admin);
    expect(publicGets.map((op) => op.path)).toEqual(
      expect.arrayContaining(['/v1/models', '/v1/models/{id}', '/catalog/models', '/catalog/providers/{slug}/models']),
    );
    const queryNames = publicGets.flatMap((op) => op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    expect(queryNames).toEqual(expect.arrayContaining(['limit', 'after', 'q', 'minContext', 'cursor', 'since']));
    expect(operations.filter((op) => op.parameters.some((p) => p.in === 'path'))).toHaveLength(3);
    expect(operations.filter((op) => op.bodySchema).length).toBeGreaterThanOrEqual(5);
  });
});

describe('property: query parameters of every public route', () => {
  it('answer 200, 400 or 404 (with the JSON error shape), never a 5xx', async () => {
    const publicGets = operations.filter((op) => op.method === 'GET' && !op.admin);
    for (const op of publicGets) {
      const documented = op.parameters.filter((p) => p.in === 'query');
      const pair = fc.oneof(
        // A documented parameter, with a value near its schema or a hostile one.
        ...documented.map((p) =>
          fc.tuple(
            fc.constant(p.name),
            fc.oneof(
              schemaArbitrary(p.schema).map((value) =>
                (Array.isArray(value) ? value : [value]).map((v) => percentEncode(String(v))).join(`&${p.name}=`),
              ),
              hostileUrlText(),
            ),
          ),
        ),
        // Names the schema does not know, including prototype keys and the documented names mangled.
        fc.tuple(
          fc.oneof(
            fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'limit[]', 'q[0]', 'a.b'),
            fc.string({ unit: 'grapheme', maxLength: 12 }).map(percentEncode),
          ),
          hostileUrlText(),
        ),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(pair, { maxLength: 6 }), async (pairs) => {
          const query = pairs.map(([name, value]) => `${name}=${value}`).join('&');
          const response = await probe.send({ path: `${concretePath(op)}${query ? `?${query}` : ''}` });
          expectHandled(response, op);
        }),
        fuzz(documented.length > 0 ? 80 : 15),
      );
    }
  });

  it('valid combinations answer 200', async () => {
    const op = operations.find((o) => o.path === '/catalog/models')!;
    const valid = op.parameters.filter((p) => !['cursor', 'provider'].includes(p.name));
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          Object.fromEntries(
            valid.map((p) => [
              p.name,
              (p.schema.anyOf?.[0] ?? p.schema).enum
                ? fc.constantFrom(...(p.schema.anyOf?.[0] ?? p.schema).enum!)
                : p.name === 'q'
                  ? fc.string({ unit: 'grapheme', minLength: 1, maxLength: 15 }).filter((q) => q.trim() !== '')
                  : p.schema.type === 'integer'
                    ? fc.integer({ min: Math.max(1, p.schema.minimum ?? 1), max: p.schema.maximum ?? 1_000_000 })
                    : fc.stringMatching(/^(0|[1-9]\d{0,3})(\.\d{1,8})?$/),
            ]),
          ),
          { requiredKeys: [] },
        ),
        fc.constantFrom(...slugs),
        async (query, provider) => {
          const text = Object.entries({ ...query, provider })
            .map(([name, value]) => `${name}=${percentEncode(String(value))}`)
            .join('&');
          const response = await probe.send({ path: `/catalog/models?${text}` });
          expect(response.status, response.text.slice(0, 300)).toBe(200);
          const page = JSON.parse(response.text) as { data: { providers: string[] }[] };
          for (const model of page.data) expect(model.providers).toContain(provider);
        },
      ),
      fuzz(60),
    );
  });
});

describe('property: route parameters', () => {
  it('ids and slugs with any Unicode, percent-encodings, slashes, dot segments or length: 200/400/404/414, never a 5xx', async () => {
    const withParams = operations.filter((op) => op.parameters.some((p) => p.in === 'path'));
    const known = () =>
      fc
        .tuple(fc.constantFrom(...modelIds), fc.boolean())
        .map(([id, encode]) => (encode ? percentEncode(id) : id.split('/').map(percentEncode).join('/')));
    for (const op of withParams) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(known(), fc.constantFrom(...slugs), hostileUrlText()), async (segment) => {
          const path = op.path.replace(/\{\w+\}/, segment);
          // 414: a parameter longer than the router's maxParamLength.
          expectHandled(await probe.send({ path }), op, [414]);
        }),
        fuzz(120),
      );
    }
  });

  it('known ids resolve whether "/" is sent as is or percent-encoded; slugs resolve', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...modelIds), fc.boolean(), async (id, encode) => {
        const segment = encode ? percentEncode(id) : id.split('/').map(percentEncode).join('/');
        const response = await probe.send({ path: `/v1/models/${segment}` });
        expect(response.status, `${segment}: ${response.text.slice(0, 200)}`).toBe(200);
        expect((JSON.parse(response.text) as { id: string }).id).toBe(id);
      }),
      fuzz(40),
    );
    for (const slug of slugs) {
      expect((await probe.send({ path: `/catalog/providers/${slug}/models` })).status).toBe(200);
    }
  });
});

describe('path tricks', () => {
  const cases: [path: string, status: number, code: string][] = [
    ['/v1/models/..', 404, 'model_not_found'],
    ['/v1/models/../../etc/passwd', 404, 'model_not_found'],
    ['/v1/models/%2e%2e', 404, 'model_not_found'],
    ['/v1/models/%2e%2e%2f%2e%2e%2fetc%2fpasswd', 404, 'model_not_found'],
    ['/v1/models/%252e%252e%252f', 404, 'model_not_found'],
    ['/v1/models/a%00b', 404, 'model_not_found'],
    ['/v1/models/%FF', 400, 'invalid_request'],
    ['/v1/models/%C0%AE%C0%AE', 400, 'invalid_request'],
    ['/v1/models/%E0%A4%A', 400, 'invalid_request'],
    [`/v1/models/${'a'.repeat(513)}`, 400, 'invalid_request'],
    [`/v1/models/${'%41'.repeat(5_000)}`, 400, 'invalid_request'],
    ['/catalog/models/..%2f..%2fadmin%2fcache', 404, 'model_not_found'],
    ['/catalog/models/%00', 404, 'model_not_found'],
    ['/catalog/providers/../models', 400, 'invalid_request'],
    ['/catalog/providers/%2e%2e/models', 400, 'invalid_request'],
    ['/catalog/providers/%252e%252e/models', 400, 'invalid_request'],
    ['/catalog/providers/openrouter%00/models', 400, 'invalid_request'],
    ['/catalog/providers/open%2frouter/models', 400, 'invalid_request'],
    [`/catalog/providers/${'a'.repeat(2_000)}/models`, 414, 'invalid_request'],
    ['/catalog/providers/openrouter/../../admin/cache', 404, 'not_found'],
    ['/v1//models', 404, 'not_found'],
  ];
  it.each(cases)('%s → %i %s', async (path, status, code) => {
    const response = await probe.send({ path });
    expect(expectApiError(response, status).code).toBe(code);
  });

  it('the 404 for a traversal names the id as given, decoded once (never resolved)', async () => {
    const response = await probe.send({ path: '/v1/models/%252e%252e%252f' });
    expect(expectApiError(response, 404).message).toContain('`%2e%2e%2f`');
  });

  it('a NUL byte in the request line is refused by the HTTP parser with a 400', async () => {
    const response = await rawHttp(t.url, 'GET /v1/models/a\0b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(response.status).toBe(400);
    expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
  });

  it('the change feed takes any version text: unknown is a 410 with the error shape, the current one a 200', async () => {
    expectApiError(await probe.send({ path: '/catalog/changes?since=%00%2e%2e' }), 410);
    expect((await probe.send({ path: `/catalog/changes?since=${version}` })).status).toBe(200);
  });
});

describe('oversized headers', () => {
  it('headers over 16 KiB get a 431 and the connection is closed', async () => {
    const response = await rawHttp(
      t.url,
      `GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    );
    expect(response.status).toBe(431);
    expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
    // Many small headers add up the same way.
    const many = Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'b'.repeat(50)}\r\n`).join('');
    expect((await rawHttp(t.url, `GET /healthz HTTP/1.1\r\nHost: x\r\n${many}Connection: close\r\n\r\n`)).status).toBe(
      431,
    );
    // An oversized Authorization header on an admin route too.
    expect(
      (
        await rawHttp(
          t.url,
          `GET /admin/cache HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'x'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
        )
      ).status,
    ).toBe(431);
  });

  it('the 431 carries the API error shape', async () => {
    const response = await rawHttp(t.url, `GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectApiError(response, 431);
  });
});

describe('admin bodies', () => {
  const admin = (method: 'POST' | 'PUT' | 'DELETE', path: string, body: string | undefined, contentType?: string) =>
    probe.send({
      method,
      path,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      ...(body !== undefined ? { body } : {}),
    });

  it('over 64 KiB: 413 with a token; without one a 401 before the body is read', async () => {
    const big = JSON.stringify({ provider: 'openrouter', padding: 'x'.repeat(70_000) });
    for (const [method, path] of [
      ['POST', '/admin/invalidate'],
      ['PUT', '/admin/overrides'],
      ['PUT', '/admin/rollout'],
    ] as const) {
      expect(expectApiError(await admin(method, path, big, 'application/json'), 413).code).toBe('payload_too_large');
    }
    const anonymous = await probe.send({
      method: 'POST',
      path: '/admin/warm',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(expectApiError(anonymous, 401).code).toBe('unauthorized');
  });

  it('invalid JSON: 400 naming the problem', async () => {
    for (const body of ['{not json', '{"provider":', '[1,2', '"unterminated', '{"provider":"groq"}}', '\u0000']) {
      const error = expectApiError(await admin('POST', '/admin/invalidate', body, 'application/json'), 400);
      expect(error.message).toMatch(/JSON/);
    }
    expect(expectApiError(await admin('POST', '/admin/invalidate', '', 'application/json'), 400).message).toMatch(
      /empty/,
    );
  });

  it('prototype keys are refused as JSON, not merged', async () => {
    for (const body of ['{"__proto__":{"admin":true},"provider":"groq"}', '{"constructor":{"prototype":{"x":1}}}']) {
      expectApiError(await admin('POST', '/admin/invalidate', body, 'application/json'), 400);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('a body that is not application/json: 415 naming the type', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const error = expectApiError(await admin('POST', '/admin/invalidate', '{"provider":"groq"}', contentType), 415);
      expect(error.message).toContain(contentType.split(';')[0]);
    }
    expect(
      expectApiError(await admin('PUT', '/admin/rollout', '{"provider":"*","mode":"kernel"}'), 415).message,
    ).toContain('no Content-Type');
    // With a JSON type, parameters and case do not matter.
    expect(
      (await admin('POST', '/admin/invalidate', '{"provider":"groq"}', 'Application/JSON; charset=utf-8')).status,
    ).toBe(200);
  });
});

describe('property: admin bodies derived from the routes schemas', () => {
  let admin: TestApp;
  let adminProbe: Probe;
  beforeAll(async () => {
    // Its own app: these requests count against the per-client admin limit (120 per minute by default).
    admin = await startTestApp();
    await admin.app.catalog.start();
    adminProbe = new Probe(admin.url);
  });
  afterAll(async () => {
    await adminProbe.close();
    await admin.close();
  });

  it('answer 200, 400 or 404 with the error shape, never a 5xx', async () => {
    const withBody = operations.filter((op) => op.admin && op.bodySchema);
    for (const op of withBody) {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { weight: 3, arbitrary: schemaArbitrary(op.bodySchema!).map((value) => JSON.stringify(value)) },
            { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
          ),
          async (body) => {
            const response = await adminProbe.send({
              method: op.method as 'POST' | 'PUT' | 'DELETE',
              path: op.path,
              headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
              body,
            });
            expectHandled(response, op);
          },
        ),
        fuzz(18),
      );
    }
  });
});
