import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { RespCommandCounter } from './resp-command-counter.ts';

export interface ProxyCounts {
  /** Redis commands sent by the clients (all their connections), and by name. */
  readonly commands: number;
  readonly byName: Readonly<Record<string, number>>;
  /** Bytes client → Redis and Redis → client. */
  readonly bytesUp: number;
  readonly bytesDown: number;
}

export interface CountingProxy {
  readonly port: number;
  readonly url: string;
  counts(): ProxyCounts;
  /** Counts since the previous call (or since start). */
  take(): ProxyCounts;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy in front of a redis-server that counts what passes: commands (parsed from
 * the RESP stream) and bytes each way. Give one client (or one process) its own proxy to count
 * its Redis traffic without MONITOR.
 */
export async function startCountingProxy(target: { host: string; port: number }): Promise<CountingProxy> {
  const counter = new RespCommandCounter();
  let bytesUp = 0;
  let bytesDown = 0;
  let taken: ProxyCounts = { commands: 0, byName: {}, bytesUp: 0, bytesDown: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      bytesUp += chunk.length;
      counter.push(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      bytesDown += chunk.length;
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const counts = (): ProxyCounts => ({
    commands: counter.commands,
    byName: Object.fromEntries(counter.byName),
    bytesUp,
    bytesDown,
  });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    counts,
    take() {
      const now = counts();
      const names = new Set([...Object.keys(now.byName), ...Object.keys(taken.byName)]);
      const delta: ProxyCounts = {
        commands: now.commands - taken.commands,
        byName: Object.fromEntries(
          [...names].map((n) => [n, (now.byName[n] ?? 0) - (taken.byName[n] ?? 0)]).filter(([, v]) => v !== 0),
        ),
        bytesUp: now.bytesUp - taken.bytesUp,
        bytesDown: now.bytesDown - taken.bytesDown,
      };
      taken = now;
      return delta;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
