import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError, rawHttp } from '../../test/http-probe.ts';
import { clientErrorHandler } from './client-error-handler.ts';

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_request, response) => response.end('ok'));
  server.on('clientError', clientErrorHandler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('clientErrorHandler', () => {
  it('answers headers over the limit with a 431 in the API error shape', async () => {
    const response = await rawHttp(url, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(expectApiError(response, 431).code).toBe('request_header_fields_too_large');
    expect(response.headers.connection).toBe('close');
  });

  it('answers a NUL in the request line and garbage with a 400 in the API error shape', async () => {
    expect(expectApiError(await rawHttp(url, 'GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n'), 400).message).toContain(
      'not valid HTTP',
    );
    expectApiError(await rawHttp(url, 'GARBAGE\r\n\r\n'), 400);
  });

  it('leaves valid requests alone', async () => {
    const response = await rawHttp(url, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(response.status).toBe(200);
    expect(response.text).toBe('ok');
  });
});
