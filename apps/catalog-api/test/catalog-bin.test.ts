import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './start-test-app.ts';

// The published `catalog` bin, built by its package's build script and run as a real process.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const PACKAGE = path.join(ROOT, 'packages/catalog-cli');
const manifest = JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as {
  scripts: { build: string };
  bin: { catalog: string };
};
const BIN = path.join(PACKAGE, manifest.bin.catalog);

let t: TestApp;
beforeAll(async () => {
  // The build script is `tsup`; run it as `pnpm build` would (the workspace's tsup, in the package folder).
  expect(manifest.scripts.build).toBe('tsup');
  execFileSync(path.join(ROOT, 'node_modules/.bin/tsup'), [], { cwd: PACKAGE, stdio: 'pipe', timeout: 120_000 });
  t = await startTestApp({ PROVIDERS: 'openrouter,groq,fal' });
  await t.app.catalog.start();
}, 180_000);
afterAll(() => t?.close());

const run = promisify(execFile);
/** Runs the bin itself (its shebang picks node), with only the environment given. */
async function catalog(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(BIN, args, {
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the catalog bin as a process', () => {
  it('is an executable file with a node shebang', () => {
    accessSync(BIN, constants.X_OK);
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('prints the status table of the running API', async () => {
    const result = await catalog(['status'], { CATALOG_URL: t.url });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^provider\s+tier\s+state\s+age\s+breaker\s+models\s+hit rate\s+last error$/m);
    expect(result.stdout).toMatch(/^openrouter\s+\S+\s+fresh\s/m);
    expect(result.stdout).toContain('3 providers, 3 configured, 0 failing');
  });

  it('warms with progress lines and invalidates, with the token from the environment or the flag', async () => {
    const warm = await catalog(['warm'], { CATALOG_URL: t.url, CATALOG_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(warm.code).toBe(0);
    expect(warm.stdout).toContain('[##############################] 3/3');
    expect(warm.stdout).toContain('warmed 3/3 providers');
    const invalidate = await catalog(['invalidate', 'groq', '--url', t.url, '--token', ADMIN_TOKEN]);
    expect(invalidate).toMatchObject({ code: 0, stdout: 'invalidated groq (refetched)\n' });
  });

  it('fails with exit 2 naming --url and CATALOG_URL when no URL is given, 3 for a wrong token', async () => {
    expect(await catalog(['status'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'catalog: no catalog API URL: pass --url http://host:port or set CATALOG_URL\n',
    });
    expect(await catalog(['warm'], { CATALOG_URL: t.url })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no admin token: pass --token or set CATALOG_ADMIN_TOKEN'),
    });
    expect(
      await catalog(['warm', 'groq'], { CATALOG_URL: t.url, CATALOG_ADMIN_TOKEN: 'wrong-token-0123456789' }),
    ).toMatchObject({
      code: 3,
      stderr: expect.stringContaining('the admin token was refused'),
    });
    expect((await catalog(['--help'])).code).toBe(0);
  });
});
