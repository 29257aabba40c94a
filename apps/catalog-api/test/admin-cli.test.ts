import { runCli } from '@catalog/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './start-test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PROVIDERS: 'openrouter,groq,anthropic,fal,together' });
  await t.app.catalog.start();
});
afterAll(() => t.close());

async function cli(
  args: string[],
  env: Record<string, string | undefined> = { CATALOG_URL: t.url, CATALOG_ADMIN_TOKEN: ADMIN_TOKEN },
) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (chunk: string) => ((stdout += chunk), true), isTTY: false } as unknown as NodeJS.WritableStream,
    stderr: { write: (chunk: string) => ((stderr += chunk), true) } as unknown as NodeJS.WritableStream,
    env,
  });
  return { code, stdout, stderr };
}

describe('the catalog admin CLI against a running API', () => {
  it('prints a status table per provider', async () => {
    const { code, stdout } = await cli(['status']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^provider\s+tier\s+state\s+age\s+breaker\s+models\s+hit rate\s+last error/m);
    expect(stdout).toMatch(/^openrouter\s+high\s+fresh\s+\S+\s+closed\s+6\s/m);
    expect(stdout).toContain('5 providers, 5 configured, 0 failing');
  });

  it('warms with a progress bar and invalidates', async () => {
    const warm = await cli(['warm']);
    expect(warm.code).toBe(0);
    expect(warm.stdout).toContain('[##############################] 5/5');
    expect(warm.stdout).toContain('warmed 5/5 providers');
    const invalidate = await cli(['invalidate', 'groq']);
    expect(invalidate).toMatchObject({ code: 0, stdout: 'invalidated groq (refetched)\n' });
  });

  it('manages overrides', async () => {
    expect(
      (await cli(['overrides', 'hide', 'openrouter', 'openrouter/auto', '--reason', 'router, not a model'])).code,
    ).toBe(0);
    expect(
      (
        await cli([
          'overrides',
          'set',
          'groq',
          'llama-3.3-70b-versatile',
          '--prompt',
          '0.00000059',
          '--context',
          '131072',
        ])
      ).code,
    ).toBe(0);
    const list = await cli(['overrides', 'list']);
    expect(list.stdout).toMatch(/openrouter\s+openrouter\/auto\s+hidden\s+router, not a model/);
    expect(list.stdout).toContain('{"contextLength":131072,"pricing":{"prompt":"0.00000059"}}');
    expect((await cli(['overrides', 'clear', 'openrouter', 'openrouter/auto'])).code).toBe(0);
    expect((await cli(['overrides', 'clear', 'openrouter', 'openrouter/auto'])).stderr).toContain('no override');
  });

  it('fails with a clear message when the token or URL is missing or wrong', async () => {
    expect(await cli(['warm'], { CATALOG_URL: t.url })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no admin token: pass --token or set CATALOG_ADMIN_TOKEN'),
    });
    expect(
      await cli(['invalidate', 'groq'], { CATALOG_URL: t.url, CATALOG_ADMIN_TOKEN: 'wrong-token-0123456789' }),
    ).toMatchObject({
      code: 3,
      stderr: expect.stringContaining('the admin token was refused'),
    });
    expect(await cli(['status', '--url', 'not a url'], {})).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not a URL'),
    });
    expect(await cli(['status', '--url', 'http://127.0.0.1:1'], {})).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('cannot reach the catalog API'),
    });
    expect((await cli(['frobnicate'])).code).toBe(2);
  });
});
