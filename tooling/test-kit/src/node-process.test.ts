import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeProcess } from './node-process.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'node-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let scripts = 0;
/** A script file with this code (a module entry). */
function script(code: string): string {
  const file = path.join(dir, `script-${scripts++}.mjs`);
  writeFileSync(file, code);
  return file;
}

describe('startNodeProcess', () => {
  it('collects stdout and stderr, waits for a pattern and reports the exit code', async () => {
    const child = startNodeProcess(
      script("console.log('listening on 1234'); console.error('warn: x'); setTimeout(() => process.exit(3), 50);"),
    );
    const match = await child.waitFor(/listening on (\d+)/);
    expect(match[1]).toBe('1234');
    expect(await child.exited).toBe(3);
    expect(child.output()).toContain('warn: x');
  });

  it('rejects a wait when the process exits first, with its output', async () => {
    const child = startNodeProcess(script("console.log('bye'); process.exit(0);"));
    await expect(child.waitFor(/never/)).rejects.toThrow(/exited \(code 0\) before printing \/never\/; output:\nbye/);
  });

  it('kills a process that keeps running', async () => {
    const child = startNodeProcess(script('setInterval(() => {}, 1000);'));
    child.kill();
    expect(await child.exited).toBeNull();
    expect(child.child.signalCode).toBe('SIGKILL');
  });
});
