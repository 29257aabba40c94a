import {
  CatalogModel,
  CONTRACT_VERSION,
  InvalidJsonError,
  MissingApiKeyError,
  UnexpectedShapeError,
  UpstreamHttpError,
  type CatalogProvider,
  type ProviderSettings,
} from '@catalog/provider-contract';
import { loadFixtureSet, useUpstreamServer, type FixtureRoute } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { BAD_MARK, brokenCopies, CONTROL_MARK, findEntryList, idPathsOf, type EntryFields } from './broken-entries.ts';
import { fixtureVariant, mainRouteIndex, type FixtureChange } from './fixture-variants.ts';

export interface FetchModelsSuiteOptions<TSettings extends ProviderSettings> {
  /** The package's factory, e.g. `createOpenRouter`. */
  createProvider: (settings?: TSettings) => CatalogProvider;
  /** The package's `src/__fixtures__` folder (with routes.json). */
  fixturesDir: string;
  /**
   * Extra settings the provider needs (e.g. a region, a mode); base URL, key and env are set by
   * the suite. A function gets the base URL the suite serves the fixtures under (e.g. for a token URL).
   */
  settings?: Partial<TSettings> | ((baseURL: string) => Partial<TSettings>);
  /** Names this run when a package runs the suite more than once (e.g. per auth mode). */
  label?: string;
  /** The routes of routes.json this run covers (default all), when one fixture set serves two modes. */
  fixtureRoutes?: (route: FixtureRoute) => boolean;
  /**
   * Where a raw model entry keeps its id, a context length and a price (dotted paths), so the
   * mixed-entries case can break one field at a time. Leave out what the upstream does not have.
   */
  entryFields: EntryFields & {
    /** Which entry of the main route's list to copy (default 0): pick a model the provider keeps. */
    sourceIndex?: number;
  };
  expected: {
    /** Models the recorded payload yields (all pages). */
    count: number;
    /** Entries of the recorded payload the provider skips on purpose (e.g. deprecated), default 0. */
    skipped?: number;
    /** A known model, matched with toMatchObject: include its price to pin the unit conversion. */
    sample: Partial<CatalogModel> & { id: string };
  };
}

const KEY = 'test-key-0123456789';

/**
 * The contract every provider package passes, on its own recorded fixtures: the happy path with
 * pagination, auth (present, missing, optional), 401, 429 with Retry-After, 5xx, malformed JSON,
 * a wrong top-level shape, valid and invalid entries mixed, and an empty list. A provider test
 * file calls this, then adds only its own cases.
 */
export function registerFetchModelsSuite<TSettings extends ProviderSettings>(
  options: FetchModelsSuiteOptions<TSettings>,
): void {
  const upstream = useUpstreamServer();
  const settingsFor = (baseURL: string) =>
    typeof options.settings === 'function' ? options.settings(baseURL) : options.settings;
  const slug = options.createProvider({
    ...settingsFor('https://proxy.example.test/probe'),
    apiKey: KEY,
    env: {},
  } as TSettings).slug;
  const base = `https://proxy.example.test/${slug}`;
  const settings = settingsFor(base);
  const probe = options.createProvider({ ...settings, apiKey: KEY, env: {} } as TSettings);
  const needsKey = probe.auth.kind !== 'none' && probe.auth.required;
  const selectRoute = options.fixtureRoutes ?? (() => true);
  const routes = loadFixtureSet(options.fixturesDir).routes.filter(selectRoute);
  const mainRoute = routes[mainRouteIndex(routes)]!;
  const idPaths = idPathsOf(options.entryFields);

  const make = (overrides: Partial<ProviderSettings> = {}) =>
    options.createProvider({
      ...settings,
      baseURL: base,
      env: {},
      ...(needsKey ? { apiKey: KEY } : {}),
      ...overrides,
    } as TSettings);

  async function failureOf(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error('expected fetchModels to fail, it succeeded');
  }

  async function withVariant<T>(change: FixtureChange, run: () => Promise<T>): Promise<T> {
    const variant = fixtureVariant(options.fixturesDir, change, {
      routes: selectRoute,
      findList: (body) => findEntryList(body, idPaths),
    });
    upstream.serveFixtures(variant.dir, base);
    try {
      return await run();
    } finally {
      variant.dispose();
    }
  }

  /** The request answered last (the one a failure came from) and its URL as the client shows it. */
  function lastCallUrl(): string {
    const call = upstream.calls.at(-1);
    if (!call) throw new Error('no request reached the test upstream');
    return call.url.toString();
  }

  describe(`${slug}${options.label ? ` (${options.label})` : ''}: fetchModels contract`, () => {
    it('declares the contract version and its metadata', () => {
      expect(probe.contractVersion).toBe(CONTRACT_VERSION);
      expect(slug).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(['high', 'medium', 'low']).toContain(probe.tier);
      expect(probe.docsUrl).toMatch(/^https:\/\//);
      expect(probe.displayName.length).toBeGreaterThan(0);
    });

    it('fetches every page of the recorded payload as valid unified records', async () => {
      upstream.serveFixtures(options.fixturesDir, base);
      const result = await make({ headers: { 'x-extra-header': 'on' } }).fetchModels();
      expect(upstream.unhandled).toEqual([]);
      expect(result.models).toHaveLength(options.expected.count);
      expect(result.skipped).toHaveLength(options.expected.skipped ?? 0);
      for (const model of result.models) {
        expect(CatalogModel.safeParse(model).success).toBe(true);
        expect(model.provider).toBe(slug);
      }
      expect(new Set(result.models.map((m) => m.id)).size).toBe(result.models.length);
      expect(result.models.find((m) => m.id === options.expected.sample.id)).toMatchObject(options.expected.sample);
      // Every recorded route (every page) was requested, with the extra header.
      expect(upstream.calls.length).toBeGreaterThanOrEqual(new Set(routes.map((r) => r.file)).size);
      for (const call of upstream.calls) expect(call.headers['x-extra-header']).toBe('on');
    });

    if (probe.auth.kind === 'header' || probe.auth.kind === 'query') {
      const auth = probe.auth;
      it('sends the API key the way the provider documents', async () => {
        upstream.serveFixtures(options.fixturesDir, base);
        await make({ apiKey: KEY }).fetchModels();
        const call = upstream.calls[0]!;
        const sent =
          auth.kind === 'header' ? call.headers[auth.header.toLowerCase()] : call.url.searchParams.get(auth.param);
        expect(sent).toContain(KEY);
      });

      it('reads the key from its environment variable at request time', async () => {
        upstream.serveFixtures(options.fixturesDir, base);
        const provider = options.createProvider({
          ...settings,
          baseURL: base,
          env: { [auth.envVar]: 'env-key-42' },
        } as TSettings);
        await provider.fetchModels();
        const call = upstream.calls[0]!;
        const sent =
          auth.kind === 'header' ? call.headers[auth.header.toLowerCase()] : call.url.searchParams.get(auth.param);
        expect(sent).toContain('env-key-42');
      });
    }

    if (needsKey) {
      it('without a key: not configured, MissingApiKeyError, and no network call', async () => {
        const provider = make({ apiKey: undefined });
        expect(provider.isConfigured()).toBe(false);
        const error = await failureOf(provider.fetchModels());
        expect(MissingApiKeyError.isInstance(error)).toBe(true);
        expect(String((error as Error).message)).toContain(probe.auth.kind === 'none' ? '' : probe.auth.envVar);
        expect(upstream.calls).toHaveLength(0);
      });
    } else {
      it('works without a key (public list)', async () => {
        upstream.serveFixtures(options.fixturesDir, base);
        const provider = make({ apiKey: undefined });
        expect(provider.isConfigured()).toBe(true);
        const result = await provider.fetchModels();
        expect(result.models).toHaveLength(options.expected.count);
      });
    }

    it('401: an UpstreamHttpError that is not retried and says to check the key', async () => {
      const error = await withVariant({ status: 401, body: '{"error":{"message":"Invalid API key"}}' }, () =>
        failureOf(make().fetchModels()),
      );
      expect(UpstreamHttpError.isInstance(error)).toBe(true);
      expect((error as UpstreamHttpError).status).toBe(401);
      expect((error as UpstreamHttpError).retryable).toBe(false);
      expect((error as Error).message).toContain(slug);
      expect((error as Error).message).not.toContain(KEY);
    });

    it('429: carries Retry-After for the kernel to honour', async () => {
      const error = await withVariant(
        { status: 429, body: '{"error":"rate limited"}', headers: { 'retry-after': '12' } },
        () => failureOf(make().fetchModels()),
      );
      expect(UpstreamHttpError.isInstance(error)).toBe(true);
      expect((error as UpstreamHttpError).retryable).toBe(true);
      expect((error as UpstreamHttpError).retryAfterMs).toBe(12_000);
    });

    it('5xx: a retryable UpstreamHttpError', async () => {
      const error = await withVariant({ status: 503, body: 'upstream unavailable' }, () =>
        failureOf(make().fetchModels()),
      );
      expect(UpstreamHttpError.isInstance(error)).toBe(true);
      expect((error as UpstreamHttpError).status).toBe(503);
      expect((error as UpstreamHttpError).retryable).toBe(true);
    });

    it('malformed JSON: an InvalidJsonError naming the provider and the full URL', async () => {
      const error = await withVariant({ status: 200, body: '{"data": [{"id": "trunc' }, () =>
        failureOf(make().fetchModels()),
      );
      expect(InvalidJsonError.isInstance(error)).toBe(true);
      const url = lastCallUrl();
      expect(new URL(url).pathname).toBe(new URL(`${base}/${mainRoute.path.replace(/^\/+/, '')}`).pathname);
      expect((error as InvalidJsonError).url).toBe(url);
      expect((error as Error).message).toContain(`${slug}: ${url}`);
      expect((error as InvalidJsonError).bodyExcerpt).toBe('{"data": [{"id": "trunc');
    });

    it('a wrong top-level shape: an UnexpectedShapeError naming the provider and the URL, not an empty catalog', async () => {
      const error = await withVariant({ status: 200, body: '{"unexpected": {"shape": true}}' }, () =>
        failureOf(make().fetchModels()),
      );
      expect(UnexpectedShapeError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(`${slug}: ${lastCallUrl()}`);
    });

    it('valid and invalid entries mixed: exactly the good ones are kept, each bad one skipped and counted', async () => {
      upstream.serveFixtures(options.fixturesDir, base);
      const intact = await make().fetchModels();
      const intactIds = new Set(intact.models.map((m) => m.id));
      upstream.reset();

      let broken: ReturnType<typeof brokenCopies>['broken'] = [];
      const junk = [null, 'not a model', { unrelated: true }, 42];
      const result = await withVariant(
        {
          editList: (list) => {
            const copies = brokenCopies(list[options.entryFields.sourceIndex ?? 0], options.entryFields);
            broken = copies.broken;
            list.splice(1, 0, ...junk, copies.control, ...broken.map((b) => b.entry));
          },
        },
        () => make().fetchModels(),
      );

      // Kept: every model of the intact payload, plus the intact copy; none of the broken copies.
      const added = result.models.filter((m) => !intactIds.has(m.id));
      expect(added.map((m) => m.id)).toEqual([expect.stringContaining(CONTROL_MARK)]);
      expect(result.models.filter((m) => intactIds.has(m.id))).toHaveLength(intact.models.length);
      expect(result.models.some((m) => m.id.includes(BAD_MARK))).toBe(false);
      // Skipped: what the intact payload skips, the four non-models, and each broken copy once.
      expect(result.skipped).toHaveLength(intact.skipped.length + junk.length + broken.length);
      for (const skipped of result.skipped) expect(skipped.reason.length).toBeGreaterThan(0);
      for (const { mark, reasonPattern, defect } of broken) {
        if (!mark) continue;
        const entry = result.skipped.filter((s) => s.id?.includes(mark));
        expect(entry, defect).toHaveLength(1);
        if (reasonPattern) expect(entry[0]!.reason, defect).toMatch(reasonPattern);
      }
    });

    it('an empty list: no models, nothing skipped, no error (the kernel decides whether to accept it)', async () => {
      const result = await withVariant({ editList: (list) => list.splice(0, list.length), allRoutes: true }, () =>
        make().fetchModels(),
      );
      expect(result.models).toEqual([]);
      expect(result.skipped).toEqual([]);
    });
  });
}
