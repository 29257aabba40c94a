import { createServer, connect, type Server, type Socket } from 'node:net';
import { getFreePort } from './free-port.ts';

export interface TcpProxyHandle {
  readonly port: number;
  /** Drop every connection and refuse new ones: a network partition. */
  cut(): Promise<void>;
  /** Accept connections again on the same port. */
  restore(): Promise<void>;
  /**
   * Keep every connection open but forward nothing (either way) until `resume()`: a server that
   * is connected but does not answer. New connections are accepted and stall too.
   */
  stall(): void;
  /** Forward again: what was held is delivered in order. */
  resume(): void;
  /** Delay every chunk by `ms` in both directions (0: no delay); order is kept. */
  setLatency(ms: number): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy to a local server (e.g. a test redis-server) that tests can cut and
 * restore, stall and slow down, to partition one client from it (or make the server look slow
 * to it) while the others stay connected.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxyHandle> {
  const port = await getFreePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let latencyMs = 0;
  let stalled: { promise: Promise<void>; release: () => void } | undefined;

  /** Resolves once nothing is stalled. */
  const unstalled = async () => {
    for (let current = stalled; current; current = stalled) await current.promise;
  };

  /** Forwards `from` to `to`, chunk by chunk in order, through the stall gate and the latency. */
  const relay = (from: Socket, to: Socket) => {
    let chain = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      const due = Date.now() + latencyMs;
      chain = chain.then(async () => {
        await unstalled();
        const wait = due - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        await unstalled();
        if (!to.destroyed) to.write(chunk);
      });
    });
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        relay(client, upstream);
        relay(upstream, client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });

  const resume = () => {
    const current = stalled;
    stalled = undefined;
    current?.release();
  };

  const stop = async () => {
    resume();
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  };

  await listen();
  return {
    port,
    cut: stop,
    restore: listen,
    stall() {
      if (stalled) return;
      let release!: () => void;
      const promise = new Promise<void>((resolve) => (release = resolve));
      stalled = { promise, release };
    },
    resume,
    setLatency(ms: number) {
      latencyMs = Math.max(0, ms);
    },
    close: stop,
  };
}
