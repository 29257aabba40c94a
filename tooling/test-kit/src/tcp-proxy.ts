import { createServer, connect, type Server, type Socket } from 'node:net';
import { getFreePort } from './free-port.ts';

export interface TcpProxyHandle {
  readonly port: number;
  /** Drop every connection and refuse new ones: a network partition. */
  cut(): Promise<void>;
  /** Accept connections again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy to a local server (e.g. a test redis-server) that tests can cut and
 * restore, to partition one client from it while the others stay connected.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxyHandle> {
  const port = await getFreePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });

  const stop = async () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  };

  await listen();
  return { port, cut: stop, restore: listen, close: stop };
}
