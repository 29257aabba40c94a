import { fork } from 'node:child_process';
import path from 'node:path';
import type { ScenarioOptions } from './scenario.ts';
import type { Row } from './table.ts';

const CHILD = path.join(import.meta.dirname, 'scenario-child.ts');

/** A scenario process failed, timed out or exited without rows. */
export class ScenarioFailedError extends Error {
  readonly scenario: string;
  constructor(scenario: string, detail: string) {
    super(`scenario ${scenario} failed: ${detail}`);
    this.name = 'ScenarioFailedError';
    this.scenario = scenario;
  }
}

/**
 * Runs one scenario in a fresh Node process (its own heap, JIT state and event loop) and returns
 * its rows. The child starts whatever it needs (redis-server, mock upstream, API processes) and
 * stops it before it exits.
 */
export function runScenario(id: string, options: ScenarioOptions, timeoutMs: number): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [id, JSON.stringify(options)], {
      execArgv: ['--conditions=@catalog/source', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: { rows?: Row[]; error?: string } | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // SIGTERM first: the child stops what it started (redis-server, API processes) on exit.
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }, timeoutMs);
    child.on('message', (message) => (answer = message as typeof answer));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) reject(new ScenarioFailedError(id, `no answer within ${Math.round(timeoutMs / 1000)} s`));
      else if (answer?.rows) resolve(answer.rows);
      else reject(new ScenarioFailedError(id, answer?.error ?? `exited (code ${code}, signal ${signal}) without rows`));
    });
  });
}
