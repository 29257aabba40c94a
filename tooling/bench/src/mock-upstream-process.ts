import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knobs } from '@catalog/mock-upstream';
import { getFreePort } from '@catalog/test-kit';
import { z } from 'zod';
import { spawnNode, stopProcess, waitForOutput } from './processes.ts';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.resolve('@catalog/mock-upstream'))), 'cli.ts');

const Stats = z.record(z.string(), z.object({ requests: z.number(), faults: z.number() }));

export interface MockUpstreamProcess {
  readonly url: string;
  baseURLFor(slug: string): string;
  setKnobs(provider: string, knobs: Knobs | null): Promise<void>;
  setPayload(slug: string, body: unknown): Promise<void>;
  /** Requests per provider slug since the last reset. */
  stats(): Promise<Record<string, { requests: number; faults: number }>>;
  /** Clears knobs, payloads and counters. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The mock upstream (tooling/mock-upstream) in its own process, driven over its /__mock/ control
 * routes, so serving upstream answers never competes with the measured process's event loop.
 */
export async function startMockUpstreamProcess(): Promise<MockUpstreamProcess> {
  const port = await getFreePort();
  const child = spawnNode(CLI, ['--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await waitForOutput(child, /mock upstream on (\S+)/, 20_000);
  child.stdout?.resume();
  const url = `http://127.0.0.1:${port}`;
  const control = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${url}/__mock${route}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`mock upstream ${method} /__mock${route}: ${response.status} ${text}`);
    return JSON.parse(text) as unknown;
  };
  return {
    url,
    baseURLFor: (slug) => `${url}/${slug}`,
    setKnobs: async (provider, knobs) => void (await control('POST', '/knobs', { provider, knobs })),
    setPayload: async (slug, body) => void (await control('PUT', `/payload/${slug}`, body)),
    stats: async () => Stats.parse(await control('GET', '/stats')),
    reset: async () => void (await control('POST', '/reset')),
    close: () => stopProcess(child),
  };
}
