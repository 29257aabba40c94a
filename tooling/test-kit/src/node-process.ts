import { spawn, type ChildProcess } from 'node:child_process';

export interface NodeProcessOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** A Node process started for a test, its stdout and stderr collected. */
export interface NodeProcessHandle {
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr, interleaved as received). */
  output(): string;
  /** The first match of `pattern` in the output; rejects when the process exits first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  /** SIGKILL when still running. */
  kill(): void;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Runs a TypeScript entry in a new Node process with the workspace's source condition
 * (`node --conditions=@catalog/source <entry> ...args`), killed when the test process exits.
 */
export function startNodeProcess(
  entry: string,
  args: readonly string[] = [],
  options: NodeProcessOptions = {},
): NodeProcessHandle {
  const child = spawn(process.execPath, ['--conditions=@catalog/source', entry, ...args], {
    env: options.env ?? process.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let text = '';
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const check of waiters) check();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return {
    child,
    output: () => text,
    exited,
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        const check = () => {
          const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text);
          if (match) finish(() => resolve(match));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${text.slice(-2_000)}`))),
          timeoutMs,
        );
        waiters.add(check);
        check();
        void exited.then((code) =>
          finish(() =>
            reject(new Error(`exited (code ${code}) before printing ${pattern}; output:\n${text.slice(-2_000)}`)),
          ),
        );
      });
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
