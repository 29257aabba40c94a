import { InvalidJsonError, UpstreamHttpError } from '@catalog/provider-contract';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.ts';

const upstream = useUpstreamServer();
const BASE = 'https://api.example.test/v1';
const KEY = 'sk-0123456789abcdef0123456789abcdef';

/** An upstream that quotes the request's credentials back in its error page, as some real APIs do. */
function echoing(status: number, asJson: boolean) {
  upstream.route(`${BASE}/models`, (request) => {
    const echoed = JSON.stringify({ received: request.headers, url: request.url.toString() });
    return asJson
      ? { status, json: { error: { message: `invalid credentials: ${echoed}` } } }
      : { status, body: `<html>request was ${echoed}</html>` };
  });
}

describe('createHttpClient keeps credentials out of errors', () => {
  it.each([
    ['an auth header with a scheme', { authHeaders: { authorization: `Bearer ${KEY}` } }],
    ['an auth header without one', { authHeaders: { 'x-api-key': KEY } }],
    ['a query-string key', { authQuery: { key: KEY } }],
  ])('%s echoed in a 401 body', async (_name, auth) => {
    echoing(401, true);
    const error = (await createHttpClient({ provider: 'example', baseURL: BASE, ...auth })
      .getJson('/models')
      .catch((e: unknown) => e)) as UpstreamHttpError;
    expect(UpstreamHttpError.isInstance(error)).toBe(true);
    expect(upstream.calls[0]!.url.toString() + JSON.stringify(upstream.calls[0]!.headers)).toContain(KEY);
    expect(error.bodyExcerpt).toContain('[REDACTED]');
    expect(`${error.message} ${error.bodyExcerpt} ${error.url}`).not.toContain(KEY.slice(3, 15));
  });

  it('in a body that is not JSON (the "body starts" excerpt), however long the body before it', async () => {
    upstream.route(`${BASE}/models`, (request) => ({
      status: 200,
      body: `<html>${'x'.repeat(280)} ${request.headers.authorization}</html>`,
    }));
    const error = (await createHttpClient({
      provider: 'example',
      baseURL: BASE,
      authHeaders: { authorization: `Bearer ${KEY}` },
    })
      .getJson('/models')
      .catch((e: unknown) => e)) as InvalidJsonError;
    expect(InvalidJsonError.isInstance(error)).toBe(true);
    // Redacted before the excerpt is cut at 300 characters: no prefix of the key survives either.
    expect(error.message).not.toContain(KEY.slice(0, 8));
  });
});
