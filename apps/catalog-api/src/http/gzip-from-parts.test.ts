import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflatePart, gzipFromParts } from './gzip-from-parts.ts';

const parts = ['{"object":"list","data":[', '{"id":"a/b","object":"model"}', ',{"id":"c/d"}'.repeat(5_000), ']}'];
const identity = Buffer.from(parts.join(''));
const body = gzipFromParts(parts.map((p) => deflatePart(Buffer.from(p))));

describe('gzipFromParts', () => {
  it('is a gzip body of the parts concatenated, as small as compressing them at once', () => {
    expect(gunzipSync(body).equals(identity)).toBe(true);
    expect(body.length).toBeLessThan(gzipSync(identity).length * 1.1 + 64);
  });

  it('compresses a part as small with a window sized to it as with the default window', () => {
    for (const length of [1, 300, 5_000, 20_000, 100_000]) {
      const bytes = Buffer.from(
        ',{"id":"openai/gpt-4o","object":"model","created":1715367049}'.repeat(length / 50 + 1),
      ).subarray(0, length);
      const part = deflatePart(bytes);
      expect(gunzipSync(gzipFromParts([part])).equals(bytes)).toBe(true);
      expect(part.deflated.length).toBeLessThanOrEqual(
        deflateRawSync(bytes, { finishFlush: constants.Z_FULL_FLUSH }).length,
      );
    }
  });

  it('decodes with no parts and with empty parts', () => {
    expect(gunzipSync(gzipFromParts([])).length).toBe(0);
    const empty = deflatePart(Buffer.alloc(0));
    expect(gunzipSync(gzipFromParts([empty, deflatePart(Buffer.from('x')), empty])).toString()).toBe('x');
  });

  it('is decoded by an HTTP client (fetch) as Content-Encoding: gzip', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'accept-encoding': 'gzip' } });
      expect(Buffer.from(await response.arrayBuffer()).equals(identity)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
