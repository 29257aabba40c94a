import { afterAll, afterEach, beforeAll } from 'vitest';
import { createUpstreamServer, type UpstreamServer } from './upstream-server.ts';

let shared: UpstreamServer | undefined;

/**
 * The test file's UpstreamServer, bound to its lifecycle (listen, reset after each test,
 * close). Every call in one file returns the same server, so a shared suite and the file's own
 * tests use one interceptor. Call it first at the top level of the file (not inside describe).
 */
export function useUpstreamServer(): UpstreamServer {
  if (shared) return shared;
  const upstream = createUpstreamServer();
  shared = upstream;
  beforeAll(() => upstream.listen());
  afterEach(() => upstream.reset());
  afterAll(() => {
    upstream.close();
    shared = undefined;
  });
  return upstream;
}
