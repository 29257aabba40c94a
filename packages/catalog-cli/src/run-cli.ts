import { parseArgs } from 'node:util';
import { AdminClient, CliError } from './admin-client.ts';
import { ProgressBar } from './progress-bar.ts';
import { renderTable } from './render-table.ts';

interface Health {
  provider: string;
  tier: string;
  configured: boolean;
  state: string;
  breaker: string;
  modelCount: number;
  ageMs?: number;
  hitRate?: number;
  lastError?: { reason: string };
}

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

const USAGE = `usage: catalog <command> [options]

commands:
  status                         every provider: state, freshness, breaker, models, hit rate
  invalidate <provider|all>      drop cached lists (and refetch at once; --no-cascade to skip)
  warm [provider...]             fetch now, with a progress bar (all configured providers by default)
  overrides list
  overrides hide <provider> <model-id> [--reason text]
  overrides set <provider> <model-id> [--prompt usd/token] [--completion usd/token] [--context n] [--name text]
  overrides clear <provider> <model-id>

options: --url (or CATALOG_URL; required), --token (or CATALOG_ADMIN_TOKEN; admin commands), --json`;

function age(ms: number | undefined): string {
  if (ms === undefined) return '-';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.round(s / 60)}m` : `${Math.round(s / 3600)}h`;
}

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        json: { type: 'boolean', default: false },
        'no-cascade': { type: 'boolean', default: false },
        reason: { type: 'string' },
        prompt: { type: 'string' },
        completion: { type: 'string' },
        context: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    io.stderr.write(`catalog: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const print = (text: string) => io.stdout.write(`${text}\n`);
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    print(USAGE);
    return command || values.help ? 0 : 2;
  }
  try {
    // No default address: an admin command sent to whatever answers on localhost is not what anyone meant.
    const url = values.url ?? io.env.CATALOG_URL;
    if (!url) throw new CliError('no catalog API URL: pass --url http://host:port or set CATALOG_URL', 2);
    const client = new AdminClient({
      url,
      token: values.token ?? io.env.CATALOG_ADMIN_TOKEN,
      ...(io.fetch ? { fetch: io.fetch } : {}),
    });
    switch (command) {
      case 'status': {
        const { data } = await client.request<{ data: Health[] }>('GET', '/catalog/providers', undefined, false);
        if (values.json) return (print(JSON.stringify(data, null, 2)), 0);
        print(
          renderTable(
            ['provider', 'tier', 'state', 'age', 'breaker', 'models', 'hit rate', 'last error'],
            data.map((h) => [
              h.provider,
              h.tier,
              h.state,
              age(h.ageMs),
              h.breaker,
              String(h.modelCount),
              h.hitRate === undefined ? '-' : `${Math.round(h.hitRate * 100)}%`,
              h.lastError?.reason ?? '',
            ]),
          ),
        );
        const failing = data.filter((h) => h.state === 'stale-error' || h.state === 'missing').length;
        print(`${data.length} providers, ${data.filter((h) => h.configured).length} configured, ${failing} failing`);
        return failing > 0 ? 1 : 0;
      }
      case 'invalidate': {
        const provider = rest[0];
        if (!provider) throw new CliError('invalidate needs a provider slug or "all"', 2);
        const result = await client.request<{ invalidated: string[] }>('POST', '/admin/invalidate', {
          provider,
          cascade: !values['no-cascade'],
        });
        print(`invalidated ${result.invalidated.join(', ') || 'nothing'}${values['no-cascade'] ? '' : ' (refetched)'}`);
        return 0;
      }
      case 'warm': {
        let targets = rest;
        if (targets.length === 0) {
          const { data } = await client.request<{ data: Health[] }>('GET', '/catalog/providers', undefined, false);
          targets = data.filter((h) => h.configured).map((h) => h.provider);
        }
        const bar = new ProgressBar(io.stdout, targets.length);
        const failures: string[] = [];
        let done = 0;
        let next = 0;
        bar.update(0, 'starting');
        const worker = async () => {
          while (next < targets.length) {
            const provider = targets[next++]!;
            const { results } = await client.request<{ results: { provider: string; ok: boolean; error?: string }[] }>(
              'POST',
              '/admin/warm',
              {
                providers: [provider],
              },
            );
            const result = results[0];
            if (!result?.ok) failures.push(`${provider}: ${result?.error ?? 'failed'}`);
            bar.update(++done, `${provider} ${result?.ok ? 'ok' : 'FAILED'}`);
          }
        };
        await Promise.all(Array.from({ length: Math.min(4, targets.length) }, worker));
        bar.finish();
        for (const failure of failures) io.stderr.write(`warm failed: ${failure}\n`);
        print(`warmed ${targets.length - failures.length}/${targets.length} providers`);
        return failures.length > 0 ? 1 : 0;
      }
      case 'overrides': {
        const [action, provider, modelId] = rest;
        if (action === 'list' || action === undefined) {
          const { data } = await client.request<{
            data: { provider: string; modelId: string; hide?: boolean; set?: object; reason?: string }[];
          }>('GET', '/admin/overrides');
          if (values.json) return (print(JSON.stringify(data, null, 2)), 0);
          print(
            renderTable(
              ['provider', 'model', 'change', 'reason'],
              data.map((o) => [o.provider, o.modelId, o.hide ? 'hidden' : JSON.stringify(o.set), o.reason ?? '']),
            ),
          );
          return 0;
        }
        if (!provider || !modelId) throw new CliError(`overrides ${action} needs <provider> <model-id>`, 2);
        if (action === 'hide') {
          await client.request('PUT', '/admin/overrides', {
            provider,
            modelId,
            hide: true,
            ...(values.reason ? { reason: values.reason } : {}),
          });
          print(`hidden: ${provider} ${modelId}`);
          return 0;
        }
        if (action === 'set') {
          const pricing = {
            ...(values.prompt ? { prompt: values.prompt } : {}),
            ...(values.completion ? { completion: values.completion } : {}),
          };
          const set = {
            ...(Object.keys(pricing).length > 0 ? { pricing } : {}),
            ...(values.context ? { contextLength: Number(values.context) } : {}),
            ...(values.name ? { name: values.name } : {}),
          };
          await client.request('PUT', '/admin/overrides', {
            provider,
            modelId,
            set,
            ...(values.reason ? { reason: values.reason } : {}),
          });
          print(`corrected: ${provider} ${modelId} ${JSON.stringify(set)}`);
          return 0;
        }
        if (action === 'clear') {
          await client.request('DELETE', '/admin/overrides', { provider, modelId });
          print(`cleared: ${provider} ${modelId}`);
          return 0;
        }
        throw new CliError(`unknown overrides action "${action}" (list, hide, set, clear)`, 2);
      }
      default:
        throw new CliError(`unknown command "${command}"\n${USAGE}`, 2);
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`catalog: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
