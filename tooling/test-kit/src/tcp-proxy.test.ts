import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxyHandle } from './tcp-proxy.ts';

// An echo server behind the proxy: what a client sends comes back through both directions.
let echo: Server;
let proxy: TcpProxyHandle;
const clients: Socket[] = [];

beforeEach(async () => {
  echo = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const address = echo.address();
  proxy = await startTcpProxy({ host: '127.0.0.1', port: typeof address === 'object' && address ? address.port : 0 });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await proxy.close();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

async function client(): Promise<{ socket: Socket; received: () => string }> {
  const socket = connect(proxy.port, '127.0.0.1');
  clients.push(socket);
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, received: () => text };
}

const until = async (check: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('startTcpProxy', () => {
  it('forwards both ways', async () => {
    const c = await client();
    c.socket.write('ping');
    await until(() => c.received() === 'ping');
  });

  it('stalls: the connection stays open, nothing is forwarded until resume, then everything in order', async () => {
    const c = await client();
    proxy.stall();
    c.socket.write('a');
    c.socket.write('b');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(c.received()).toBe('');
    expect(c.socket.destroyed).toBe(false);
    const late = await client(); // new connections are accepted while stalled, and stall too
    late.socket.write('c');
    proxy.resume();
    await until(() => c.received() === 'ab' && late.received() === 'c');
  });

  it('delays every chunk by the latency, keeping order', async () => {
    const c = await client();
    proxy.setLatency(60);
    const started = Date.now();
    c.socket.write('1');
    c.socket.write('2');
    await until(() => c.received().length > 0);
    const firstAfter = Date.now() - started;
    await until(() => c.received() === '12');
    // Both directions are delayed: the echo arrives after two latencies at the earliest (a lower
    // bound on an injected delay: timers never fire early, a slow machine only makes it later).
    expect(firstAfter).toBeGreaterThanOrEqual(110);
    proxy.setLatency(0);
  });

  it('cuts every connection and refuses new ones until restored', async () => {
    const c = await client();
    await proxy.cut();
    await until(() => c.socket.destroyed);
    const refused = connect(proxy.port, '127.0.0.1');
    clients.push(refused);
    await new Promise<void>((resolve) => refused.once('error', () => resolve()));
    await proxy.restore();
    const again = await client();
    again.socket.write('back');
    await until(() => again.received() === 'back');
  });
});
