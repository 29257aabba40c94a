import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loadFixtureSet, matchFixtureRoute, renderFixtureRoute } from '@catalog/test-kit/fixtures';
import { discoverProviderFixtures } from './provider-fixtures.ts';
import { drawLatency, Knobs } from './knobs.ts';
import { transformPayload } from './transform-payload.ts';

export interface MockUpstreamOptions {
  port?: number;
  host?: string;
  /** Folder with provider packages (default: the repository's providers/). */
  providersDir?: string;
  /** Knobs per provider slug; "*" applies to all. */
  knobs?: Record<string, Knobs>;
  random?: () => number;
}

export interface ProviderStats {
  requests: number;
  /** Requests answered with an injected error, hang or reset. */
  faults: number;
}

export interface MockUpstream {
  readonly url: string;
  readonly port: number;
  /** The slugs served. */
  readonly providers: readonly string[];
  /** The base URL to give provider `slug` (its `baseURL` setting). */
  baseURLFor(slug: string): string;
  setKnobs(slug: string, knobs: Knobs): void;
  clearKnobs(slug?: string): void;
  /** Replace what a provider's main route (or `file`) answers, e.g. to change its model list. */
  setPayload(slug: string, body: unknown, file?: string): void;
  clearPayloads(): void;
  stats(): Record<string, ProviderStats>;
  resetStats(): void;
  close(): Promise<void>;
}

const PADDING = Buffer.alloc(64 * 1024, 0x20);

/** The body, then `extra` bytes of whitespace, chunked (no Content-Length), with backpressure. */
async function sendOversize(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  extra: number,
): Promise<void> {
  response.writeHead(status, headers);
  response.write(body);
  for (let left = extra; left > 0 && !response.destroyed; left -= PADDING.length) {
    const chunk = left >= PADDING.length ? PADDING : PADDING.subarray(0, left);
    if (!response.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.on('drain', done);
        response.on('close', done);
      });
    }
  }
  response.end();
}

/**
 * A real HTTP server on loopback serving every provider's recorded fixtures under `/<slug>/…`,
 * with per-provider knobs (latency, error rate, forced status, malformed body, hang, trickle,
 * connection reset, redirect loop, oversize body, inflated, shrunk, duplicated, invalid or hostile
 * lists) and request counters. Control endpoints under
 * `/__mock/` let other processes drive it: GET stats, POST knobs {provider, knobs}, POST reset,
 * PUT payload/<slug>.
 */
export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const fixtures = discoverProviderFixtures(options.providersDir);
  const knobs = new Map<string, Knobs>(Object.entries(options.knobs ?? {}).map(([k, v]) => [k, Knobs.parse(v)]));
  const payloads = new Map<string, string>();
  const stats = new Map<string, ProviderStats>();
  const random = options.random ?? Math.random;
  const sockets = new Set<Socket>();
  const pending = new Set<NodeJS.Timeout>();
  let url = '';

  const statsFor = (slug: string) => {
    let entry = stats.get(slug);
    if (!entry) stats.set(slug, (entry = { requests: 0, faults: 0 }));
    return entry;
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(timer);
        resolve();
      }, ms);
      pending.add(timer);
    });

  async function serveProvider(slug: string, request: IncomingMessage, response: ServerResponse, rest: string) {
    const dir = fixtures.get(slug)!;
    const counters = statsFor(slug);
    counters.requests++;
    const k: Knobs = { ...knobs.get('*'), ...knobs.get(slug) };
    const latency = drawLatency(k.latencyMs, random);
    if (latency > 0) await sleep(latency);
    if (k.hang) {
      counters.faults++;
      return; // never answered; the client's deadline ends it
    }
    if (k.reset) {
      counters.faults++;
      request.socket.destroy();
      return;
    }
    if (k.redirectLoop) {
      counters.faults++;
      // Here → here?__loop=1 → here: the loop a client must detect.
      const here = new URL(request.url ?? '/', url);
      if (here.searchParams.has('__loop')) here.searchParams.delete('__loop');
      else here.searchParams.set('__loop', '1');
      response.writeHead(302, { location: `${here.pathname}${here.search}`, 'content-length': '0' });
      response.end();
      return;
    }
    const retryHeaders: Record<string, string> =
      k.retryAfterSec !== undefined ? { 'retry-after': String(k.retryAfterSec) } : {};
    if (k.errorRate !== undefined && random() < k.errorRate) {
      counters.faults++;
      response.writeHead(k.errorStatus ?? 503, { 'content-type': 'application/json', ...retryHeaders });
      response.end(JSON.stringify({ error: 'injected failure' }));
      return;
    }
    const set = loadFixtureSet(dir);
    const requestUrl = new URL(request.url ?? '/', url);
    requestUrl.searchParams.delete('__loop');
    const route = matchFixtureRoute(set, rest, requestUrl.searchParams);
    if (!route) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: `mock upstream: ${slug} has no fixture for ${rest}${requestUrl.search}` }));
      return;
    }
    const rendered = renderFixtureRoute(set, route, `${url}/${slug}`);
    let status = rendered.status;
    let body = payloads.get(`${slug}/${route.file}`) ?? rendered.body;
    body = transformPayload(body, k);
    if (k.status !== undefined) {
      counters.faults++;
      status = k.status;
    }
    if (k.body !== undefined) body = k.body;
    const headers = { ...rendered.headers, ...(status === 429 || status === 503 ? retryHeaders : {}) };
    const bytes = Buffer.from(body);
    if (k.oversizeBytes) {
      counters.faults++;
      await sendOversize(response, status, headers, bytes, k.oversizeBytes);
      return;
    }
    response.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
    if (k.trickleBytesPerSec) {
      const chunk = Math.max(1, Math.round(k.trickleBytesPerSec / 10));
      for (let offset = 0; offset < bytes.length && !response.destroyed; offset += chunk) {
        response.write(bytes.subarray(offset, offset + chunk));
        await sleep(100);
      }
      response.end();
      return;
    }
    response.end(bytes);
  }

  async function control(request: IncomingMessage, response: ServerResponse, path: string) {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const readJson = async (): Promise<unknown> => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
    };
    try {
      if (request.method === 'GET' && path === '/stats') return send(200, api.stats());
      if (request.method === 'POST' && path === '/reset') {
        api.clearKnobs();
        api.clearPayloads();
        api.resetStats();
        return send(200, { ok: true });
      }
      if (request.method === 'POST' && path === '/knobs') {
        const body = (await readJson()) as { provider?: unknown; knobs?: unknown };
        if (typeof body?.provider !== 'string') return send(400, { error: 'body needs "provider" (a slug or "*")' });
        if (body.knobs === null) api.clearKnobs(body.provider);
        else api.setKnobs(body.provider, Knobs.parse(body.knobs ?? {}));
        return send(200, { ok: true });
      }
      const payload = /^\/payload\/([a-z0-9-]+)(?:\/([\w.-]+))?$/.exec(path);
      if (request.method === 'PUT' && payload) {
        api.setPayload(payload[1]!, await readJson(), payload[2]);
        return send(200, { ok: true });
      }
      return send(404, { error: `mock upstream: no control route ${request.method} /__mock${path}` });
    } catch (error) {
      return send(400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://mock').pathname;
    if (path.startsWith('/__mock/')) {
      void control(request, response, path.slice('/__mock'.length));
      return;
    }
    const match = /^\/([a-z0-9-]+)(\/.*)?$/.exec(path);
    if (!match || !fixtures.has(match[1]!)) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: `mock upstream: unknown provider in ${path}` }));
      return;
    }
    serveProvider(match[1]!, request, response, match[2] ?? '/').catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: String(error) }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  const api: MockUpstream = {
    url,
    port,
    providers: [...fixtures.keys()].sort(),
    baseURLFor: (slug) => `${url}/${slug}`,
    setKnobs: (slug, value) => void knobs.set(slug, Knobs.parse(value)),
    clearKnobs: (slug) => (slug ? void knobs.delete(slug) : knobs.clear()),
    setPayload(slug, body, file) {
      const dir = fixtures.get(slug);
      if (!dir) throw new Error(`mock upstream: unknown provider "${slug}"`);
      const set = loadFixtureSet(dir);
      const main = set.routes.find((r) => (r as { main?: boolean }).main) ?? set.routes[set.routes.length - 1]!;
      payloads.set(`${slug}/${file ?? main.file}`, JSON.stringify(body));
    },
    clearPayloads: () => payloads.clear(),
    stats: () => Object.fromEntries([...stats].map(([slug, s]) => [slug, { ...s }])),
    resetStats: () => stats.clear(),
    async close() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
