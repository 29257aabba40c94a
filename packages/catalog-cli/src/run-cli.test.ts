import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

/** Runs the CLI with real streams and returns what it wrote to each. */
async function cli(args: string[], env: Record<string, string | undefined>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const code = await runCli(args, { stdout, stderr, env });
  stdout.end();
  stderr.end();
  const [out, err] = await Promise.all([text(stdout), text(stderr)]);
  return { code, stdout: out, stderr: err };
}

describe('runCli configuration errors (before any request)', () => {
  it('a missing URL fails with exit 2, naming the flag and the environment variable', async () => {
    for (const command of [['status'], ['warm'], ['invalidate', 'groq'], ['overrides', 'list']]) {
      expect(await cli(command, { CATALOG_ADMIN_TOKEN: 'x'.repeat(24) })).toEqual({
        code: 2,
        stdout: '',
        stderr: 'catalog: no catalog API URL: pass --url http://host:port or set CATALOG_URL\n',
      });
    }
  });

  it('an unknown option fails with exit 2 and the usage', async () => {
    const result = await cli(['status', '--frobnicate'], { CATALOG_URL: 'http://127.0.0.1:1' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^catalog: Unknown option '--frobnicate'[\s\S]*usage: catalog <command>/);
  });

  it('the usage says the URL is required', async () => {
    const help = await cli(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--url (or CATALOG_URL; required)');
    expect((await cli([], {})).code).toBe(2);
  });
});
