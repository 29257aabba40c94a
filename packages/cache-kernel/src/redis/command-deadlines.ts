/** A pending command's deadline: `settle()` when the reply came (before or after the deadline). */
export interface Deadline {
  /** Marks the command answered: true when that came first, false when its deadline had expired already. */
  settle(): boolean;
  /** When it expires, on the clock of the CommandDeadlines that started it (see remainingMs). */
  readonly due: number;
}

class Entry implements Deadline {
  readonly ms: number;
  due: number;
  readonly expire: () => void;
  settled = false;
  extended = false;

  constructor(ms: number, due: number, expire: () => void) {
    this.ms = ms;
    this.due = due;
    this.expire = expire;
  }

  settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    return true;
  }
}

/**
 * Deadlines of many in-flight commands on one timer. A timer per command costs more than the
 * command's own work on a virtual machine (arming and clearing it, ~9 µs a Redis read, measured by
 * the bench's scenario 2): here a settled command only marks its entry, and the single timer,
 * armed for the earliest pending deadline, is left to fire; it then drops what settled and re-arms
 * for what is still pending, or stops. Commands of one duration expire in the order they started,
 * so each duration keeps a FIFO and only its head is ever due first.
 *
 * A deadline that fires late by more than its own length measured this process being busy (the
 * command may not even have been written yet), not the server: it gets one fresh window. Only a
 * server that does not answer while this process listens times out, and the wait stays bounded
 * (the stall plus two deadlines).
 */
export class CommandDeadlines {
  readonly #queues = new Map<number, Entry[]>();
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #armedFor = Infinity;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Calls `expire` once `ms` have passed unless `settle()` was called first. */
  start(ms: number, expire: () => void): Deadline {
    const entry = new Entry(ms, this.#now() + ms, expire);
    this.#enqueue(entry);
    return entry;
  }

  /** Milliseconds until `deadline` expires (0 once due): what a follow-up command may still take. */
  remainingMs(deadline: Deadline): number {
    return Math.max(0, deadline.due - this.#now());
  }

  /** Entries held: the pending ones, and settled ones not dropped yet (for tests and diagnostics). */
  size(): number {
    let count = 0;
    for (const queue of this.#queues.values()) count += queue.length;
    return count;
  }

  #enqueue(entry: Entry): void {
    let queue = this.#queues.get(entry.ms);
    if (queue === undefined) this.#queues.set(entry.ms, (queue = []));
    // Settled entries at the head go now, so a queue holds only what started since its oldest pending one.
    let head = 0;
    while (head < queue.length && queue[head]!.settled) head++;
    if (head > 0) queue.splice(0, head);
    queue.push(entry);
    if (entry.due < this.#armedFor) this.#arm(entry.due);
  }

  #arm(due: number): void {
    clearTimeout(this.#timer);
    this.#armedFor = due;
    this.#timer = setTimeout(() => this.#sweep(), Math.max(0, due - this.#now()));
    // A pending command keeps the process alive through its socket; this timer need not.
    this.#timer.unref();
  }

  #sweep(): void {
    this.#timer = undefined;
    this.#armedFor = Infinity;
    const now = this.#now();
    const expired: Entry[] = [];
    let next = Infinity;
    for (const [ms, queue] of this.#queues) {
      let head = 0;
      for (; head < queue.length; head++) {
        const entry = queue[head]!;
        if (entry.settled) continue;
        if (entry.due > now) break;
        if (!entry.extended && now - entry.due > entry.ms) {
          entry.extended = true;
          entry.due = now + entry.ms;
          queue.push(entry); // now the latest of its duration: the FIFO order holds
          continue;
        }
        entry.settled = true;
        expired.push(entry);
      }
      // The walk stopped at a pending entry not yet due, or went through the whole queue.
      queue.splice(0, head);
      if (queue.length === 0) this.#queues.delete(ms);
      else next = Math.min(next, queue[0]!.due);
    }
    if (next !== Infinity) this.#arm(next);
    for (const entry of expired) entry.expire();
  }
}
