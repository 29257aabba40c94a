import { HttpRequestInterceptor } from '@mswjs/interceptors/http';
import { loadFixtureSet, matchFixtureRoute, renderFixtureRoute } from './fixture-routes.ts';

/** A request the fake upstream received. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
}

/** A response the fake upstream sends. */
export interface UpstreamResponseSpec {
  status?: number;
  headers?: Record<string, string>;
  /** JSON body (serialised for you). */
  json?: unknown;
  /** Raw body, e.g. malformed JSON. */
  body?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (until the request is aborted). */
  hang?: boolean;
  /** Drop the connection instead of answering. */
  networkError?: boolean;
}

/** What a route answers: a response, or a function of the request. */
export type UpstreamReply = UpstreamResponseSpec | ((request: RecordedRequest) => UpstreamResponseSpec);

export interface UpstreamRoute {
  /** An absolute URL; a query string in it must match too (subset match). */
  url: string;
  method?: string;
  /** One reply, or a sequence (the last one repeats). */
  reply: UpstreamReply | UpstreamReply[];
}

export interface UpstreamServer {
  /** Start intercepting (call in beforeAll). */
  listen(): void;
  /** Forget routes, fixtures and recorded calls (call in afterEach). */
  reset(): void;
  close(): void;
  /** Answer requests to `url`; routes added later win over earlier ones and over fixtures. */
  route(url: string, reply: UpstreamReply | UpstreamReply[], method?: string): void;
  /** Serve a provider's recorded fixtures (its __fixtures__/routes.json) under `baseURL`. */
  serveFixtures(fixturesDir: string, baseURL: string): void;
  /** Every request received, in order. */
  readonly calls: RecordedRequest[];
  /** Requests no route answered (they got a 501): a test should expect none. */
  readonly unhandled: RecordedRequest[];
  callsTo(urlPrefix: string): RecordedRequest[];
}

interface FixtureMount {
  baseURL: URL;
  dir: string;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * The one MSW wrapper every test uses: per-URL replies (or recorded fixtures), recorded calls,
 * and unhandled requests answered 501 and listed instead of silently reaching the network.
 * Requests to localhost pass through, so tests can also talk to real local servers.
 *
 * It uses MSW's socket-level HTTP interceptor (@mswjs/interceptors/http): MSW's default
 * `setupServer` interceptors see global fetch but not undici.request, which the providers use.
 */
export function createUpstreamServer(): UpstreamServer {
  const routes: { url: URL; method: string; replies: UpstreamReply[]; served: number }[] = [];
  const mounts: FixtureMount[] = [];
  const calls: RecordedRequest[] = [];
  const unhandled: RecordedRequest[] = [];
  let interceptor: HttpRequestInterceptor | undefined;

  async function answer(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
    if (LOCAL_HOSTS.has(url.hostname)) return undefined;
    const recorded: RecordedRequest = {
      method: request.method,
      url,
      headers: Object.fromEntries(request.headers.entries()),
    };
    calls.push(recorded);

    for (let i = routes.length - 1; i >= 0; i--) {
      const route = routes[i]!;
      if (route.method !== request.method && route.method !== '*') continue;
      if (!sameResource(route.url, url)) continue;
      const reply = route.replies[Math.min(route.served, route.replies.length - 1)]!;
      route.served++;
      return toResponse(reply, recorded);
    }

    for (let i = mounts.length - 1; i >= 0; i--) {
      const mount = mounts[i]!;
      const basePath = mount.baseURL.pathname.replace(/\/+$/, '');
      if (url.origin !== mount.baseURL.origin || !url.pathname.startsWith(basePath)) continue;
      const set = loadFixtureSet(mount.dir);
      const match = matchFixtureRoute(set, url.pathname.slice(basePath.length), url.searchParams);
      if (!match) continue;
      const rendered = renderFixtureRoute(set, match, mount.baseURL.toString());
      return new Response(rendered.body, { status: rendered.status, headers: rendered.headers });
    }

    unhandled.push(recorded);
    return Response.json({ error: `test upstream: no route for ${request.method} ${request.url}` }, { status: 501 });
  }

  return {
    listen() {
      if (interceptor) return;
      interceptor = new HttpRequestInterceptor();
      interceptor.apply();
      interceptor.on('request', async ({ request, controller }) => {
        const response = await answer(request);
        if (response === undefined) return; // pass through to the real (local) server
        if (response.type === 'error') controller.errorWith(new Error('connection dropped by the test upstream'));
        else controller.respondWith(response);
      });
    },
    close() {
      interceptor?.dispose();
      interceptor = undefined;
    },
    reset() {
      routes.length = 0;
      mounts.length = 0;
      calls.length = 0;
      unhandled.length = 0;
    },
    route(url, reply, method = 'GET') {
      routes.push({ url: new URL(url), method, replies: Array.isArray(reply) ? reply : [reply], served: 0 });
    },
    serveFixtures(dir, baseURL) {
      mounts.push({ dir, baseURL: new URL(baseURL) });
    },
    calls,
    unhandled,
    callsTo: (prefix) => calls.filter((call) => call.url.toString().startsWith(prefix)),
  };
}

function sameResource(expected: URL, actual: URL): boolean {
  if (expected.origin !== actual.origin) return false;
  if (expected.pathname.replace(/\/+$/, '') !== actual.pathname.replace(/\/+$/, '')) return false;
  for (const [name, value] of expected.searchParams) if (actual.searchParams.get(name) !== value) return false;
  return true;
}

/** How long a "hang" reply holds the request before giving up (tests time out long before). */
const HANG_MS = 60_000;

async function toResponse(reply: UpstreamReply, request: RecordedRequest): Promise<Response> {
  const resolved = typeof reply === 'function' ? reply(request) : reply;
  if (resolved.hang) {
    await new Promise((resolve) => setTimeout(resolve, HANG_MS).unref());
    return Response.error();
  }
  if (resolved.delayMs) await new Promise((resolve) => setTimeout(resolve, resolved.delayMs));
  if (resolved.networkError) return Response.error();
  const headers = new Headers(resolved.headers);
  if (resolved.json !== undefined) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(resolved.json), { status: resolved.status ?? 200, headers });
  }
  return new Response(resolved.body ?? '', { status: resolved.status ?? 200, headers });
}
