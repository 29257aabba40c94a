import { spawn } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { RemoteGc } from './remote-gc.ts';

let child: ReturnType<typeof spawn> | undefined;
afterEach(() => void child?.kill('SIGKILL'));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('runs a full collection in another process through its inspector', async () => {
  // The child holds an unreachable object behind a WeakRef and reports whether it is still there.
  child = spawn(
    process.execPath,
    [
      '--inspect=127.0.0.1:0',
      '-e',
      `const ref = new WeakRef({ payload: 'x'.repeat(1e6) });
       setInterval(() => console.log(ref.deref() ? 'alive' : 'collected'), 20);`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let last = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => (last = chunk.toString().trim().split('\n').pop()!));
  const gc = await RemoteGc.connect(() => stderr);
  try {
    while (last === '') await sleep(10);
    expect(last).toBe('alive');
    await gc.collect();
    await sleep(100);
    expect(last).toBe('collected');
  } finally {
    gc.close();
  }
});

it('says when the process printed no inspector address', async () => {
  await expect(RemoteGc.connect(() => 'no address here', 100)).rejects.toThrow(/no inspector address printed/);
});
