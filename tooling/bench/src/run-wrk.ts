import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface WrkResult {
  requestsPerSecond: number;
  p99Ms: number;
}

/** Runs wrk (Debian package) against a loopback URL: 2 threads, `connections`, `seconds`. */
export async function runWrk(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<WrkResult> {
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  // Asynchronous: a server in this process must keep answering while wrk runs.
  let result: { stdout: string; stderr: string };
  try {
    result = await run(
      'wrk',
      ['-t2', `-c${options.connections}`, `-d${options.seconds}s`, '--latency', ...headerArgs, url],
      {
        timeout: (options.seconds + 20) * 1000,
      },
    );
  } catch (error) {
    throw new Error(
      `wrk failed (it is needed for the endpoint scenario: apt-get install wrk): ${(error as Error).message}`,
    );
  }
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(result.stdout);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(result.stdout);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(result.stdout);
  if (!rps || !p99) throw new Error(`could not read wrk's output:\n${result.stdout}${result.stderr}`);
  if (non2xx) throw new Error(`${non2xx[1]} error responses from ${url}`);
  const unit = p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1;
  return { requestsPerSecond: Number(rps[1]), p99Ms: Number(p99[1]) * unit };
}
