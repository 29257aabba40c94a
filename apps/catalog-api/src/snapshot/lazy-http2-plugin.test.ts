import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:http2';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lazyHttp2Plugin } from './lazy-http2-plugin.ts';

const run = promisify(execFile);

describe('lazyHttp2Plugin', () => {
  let temp: string;
  beforeAll(async () => {
    temp = await mkdtemp(path.join(tmpdir(), 'lazy-http2-'));
  });
  afterAll(() => rm(temp, { recursive: true, force: true }));

  it('gives the constants without loading node:http2, and the real module on any other use', async () => {
    const entry = path.join(temp, 'entry.cjs');
    await writeFile(
      entry,
      [
        "const http2 = require('node:http2');",
        "const loaded = () => process.moduleLoadList.includes('NativeModule http2');",
        'const { constants: { HTTP2_HEADER_PATH, NGHTTP2_CANCEL } } = http2;',
        'const before = loaded();',
        'const connect = typeof http2.connect;',
        "console.log(JSON.stringify({ HTTP2_HEADER_PATH, NGHTTP2_CANCEL, before, connect, after: loaded(), has: 'connect' in http2 }));",
      ].join('\n'),
    );
    const outfile = path.join(temp, 'bundle.cjs');
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile,
      logLevel: 'error',
      plugins: [lazyHttp2Plugin()],
    });
    const { stdout } = await run(process.execPath, [outfile]);
    expect(JSON.parse(stdout)).toEqual({
      HTTP2_HEADER_PATH: constants.HTTP2_HEADER_PATH,
      NGHTTP2_CANCEL: constants.NGHTTP2_CANCEL,
      before: false,
      connect: 'function',
      after: true,
      has: true,
    });
  });
});
