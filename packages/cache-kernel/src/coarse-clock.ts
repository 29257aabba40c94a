/**
 * Epoch milliseconds for a hot path, without a system clock read per call. On a virtual machine a
 * clock read costs as much as the rest of a memory hit (about 50 ns here), so, like nginx's cached
 * time, the clock is read when the time is first asked for and then refreshed by a timer every
 * `resolutionMs` (default 10: a 1 ms tick woke the event loop often enough to add ~4 µs to each
 * ~100 µs Redis read on a VM) while it is being used (the timer stops itself after a period without use, and
 * never keeps the process alive). A run of calls that never yields to the event loop refreshes it
 * every `maxUses` calls. The time may lag the system clock by the resolution (plus any event-loop
 * stall): right for TTLs of seconds to hours, not for measuring durations.
 */
export class CoarseClock {
  readonly #resolutionMs: number;
  readonly #maxUses: number;
  readonly #read: () => number;
  #now = 0;
  #uses = 0;
  #usedSinceTick = false;
  #ticker: NodeJS.Timeout | undefined;

  constructor(options: { resolutionMs?: number; maxUses?: number; read?: () => number } = {}) {
    this.#resolutionMs = options.resolutionMs ?? 10;
    this.#maxUses = options.maxUses ?? 256;
    this.#read = options.read ?? Date.now;
  }

  /** The current time, at most `resolutionMs` (plus any event-loop stall) behind the system clock. */
  now(): number {
    if (this.#ticker === undefined) this.#start();
    else if (++this.#uses >= this.#maxUses) this.#refresh();
    this.#usedSinceTick = true;
    return this.#now;
  }

  /** Stops the timer (the next call reads the clock again). */
  stop(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  #start(): void {
    this.#refresh();
    this.#ticker = setInterval(() => this.#tick(), this.#resolutionMs);
    this.#ticker.unref();
  }

  #tick(): void {
    if (!this.#usedSinceTick) return this.stop();
    this.#usedSinceTick = false;
    this.#refresh();
  }

  #refresh(): void {
    this.#now = this.#read();
    this.#uses = 0;
  }
}
