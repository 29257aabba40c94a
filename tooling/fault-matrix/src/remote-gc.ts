/**
 * Full garbage collections of another Node process through its inspector (started with
 * `--inspect=127.0.0.1:0`): the soak reads the heap right after one, so a sample is what is
 * really retained, not wherever the collector's sawtooth happens to be.
 */
export class RemoteGc {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  #nextId = 1;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; error?: { message: string } };
      const waiter = message.id === undefined ? undefined : this.#pending.get(message.id);
      if (!waiter) return;
      this.#pending.delete(message.id!);
      if (message.error) waiter.reject(new Error(`inspector: ${message.error.message}`));
      else waiter.resolve();
    });
  }

  /** Connects to the inspector whose address the process printed ("Debugger listening on ws://…"). */
  static async connect(output: () => string, timeoutMs = 10_000): Promise<RemoteGc> {
    const deadline = Date.now() + timeoutMs;
    let url: string | undefined;
    while (!(url = /Debugger listening on (ws:\/\/\S+)/.exec(output())?.[1])) {
      if (Date.now() > deadline) throw new Error(`no inspector address printed within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`could not connect to the inspector at ${url}`)), {
        once: true,
      });
    });
    return new RemoteGc(socket);
  }

  /** A full collection in the process; resolves when it is done. */
  collect(): Promise<void> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#socket.send(JSON.stringify({ id, method: 'HeapProfiler.collectGarbage' }));
    });
  }

  close(): void {
    this.#socket.close();
  }
}
