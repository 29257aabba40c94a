import type { CacheKernel } from '@catalog/cache-kernel';
import { z } from 'zod';
import { RolloutConfigError } from './legacy-cache-error.ts';

export { RolloutConfigError };

/** Where a provider's legacy cache calls go during the migration. */
export type RolloutMode = 'legacy' | 'kernel' | 'dual';
export type RolloutSide = 'legacy' | 'kernel';

export interface RolloutSetting {
  readonly mode: RolloutMode;
  /** In dual mode, which side answers reads (the other is compared). Default: kernel. */
  readonly readFrom: RolloutSide;
}

const DEFAULT: RolloutSetting = Object.freeze({ mode: 'legacy', readFrom: 'legacy' });

/** The document name in the kernel's store (next to the aggregator's `operator-overrides`). */
export const ROLLOUT_DOCUMENT = 'legacy-cache-rollout';
/** Default bound on how long an instance keeps switches another instance has changed. */
export const DEFAULT_ROLLOUT_RELOAD_MS = 5_000;

/** What is stored: the settings in CACHE_ROLLOUT's format, or null for "every instance uses its CACHE_ROLLOUT". */
const StoredRollout = z.object({
  rollout: z.string().nullable(),
  updatedAt: z.number(),
  by: z.string(),
});
type StoredRollout = z.infer<typeof StoredRollout>;

export interface ShareOptions {
  /**
   * How often this instance re-reads the stored switches, ms (default 5000). A change made on
   * another instance is followed here within this bound plus one store read.
   */
  reloadMs?: number;
  /** How long the first load waits for the shared store's connection, ms (default 2000; then CACHE_ROLLOUT holds until a reload reaches it). */
  connectTimeoutMs?: number;
  /** Told about store failures (a reload is skipped, a change stays local until the store answers). */
  onError?: (error: unknown, operation: 'read' | 'write') => void;
}

/** Where the switches now in force came from, for the status route. */
export interface RolloutSource {
  /** `config`: this instance's CACHE_ROLLOUT (nothing stored); `store`: the shared document; `local`: changed in this process only (not shared). */
  readonly from: 'config' | 'store' | 'local';
  readonly shared: boolean;
  readonly reloadMs?: number;
  readonly updatedAt?: number;
  readonly lastReloadAt?: number;
  /** A change made here that the store has not taken yet (it is retried on every reload). */
  readonly pendingWrite?: boolean;
}

function parseSettings(text: string | undefined): Map<string, RolloutSetting> {
  const parsed = new Map<string, RolloutSetting>();
  for (const raw of (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([a-z0-9][a-z0-9-]*|\*)=(legacy|kernel|dual)(?::(legacy|kernel))?$/.exec(raw);
    if (!match) throw new RolloutConfigError(raw, 'expected <provider|*>=<legacy|kernel|dual>[:<legacy|kernel>]');
    const mode = match[2] as RolloutMode;
    if (match[3] && mode !== 'dual') throw new RolloutConfigError(raw, 'a read side is only for dual mode');
    if (parsed.has(match[1]!)) throw new RolloutConfigError(raw, `"${match[1]}" is set twice`);
    parsed.set(match[1]!, setting(mode, match[3] as RolloutSide | undefined));
  }
  return parsed;
}

function setting(mode: RolloutMode, readFrom?: RolloutSide): RolloutSetting {
  return Object.freeze({ mode, readFrom: readFrom ?? (mode === 'legacy' ? 'legacy' : 'kernel') });
}

/** The stored document, checked to its switches; throws when this version cannot read it. */
function parseStoredRollout(json: string): StoredRollout {
  const stored = StoredRollout.parse(JSON.parse(json));
  if (stored.rollout !== null) parseSettings(stored.rollout);
  return stored;
}

/** The stored document, or undefined when absent or unreadable by this version. */
function readableStoredRollout(json: string | undefined): StoredRollout | undefined {
  if (json === undefined) return undefined;
  try {
    return parseStoredRollout(json);
  } catch {
    return undefined;
  }
}

const format = (provider: string, s: RolloutSetting) =>
  `${provider}=${s.mode}${s.mode === 'dual' ? `:${s.readFrom}` : ''}`;

/**
 * Per-provider rollout switches (the seed's open questions 1 and 2): legacy, kernel, or dual
 * (writes to both, reads from the chosen side and compares). They change at run time without a
 * restart; listeners hear every change.
 *
 * Alone they live in this process. After {@link share} they live in the kernel's shared document
 * store: a change made on one instance is stored, every instance re-reads the document every
 * `reloadMs`, and a restarted instance starts from it. The text given to {@link parse}
 * (CACHE_ROLLOUT) is the value while nothing is stored.
 */
export class RolloutSwitches {
  #default: RolloutSetting = DEFAULT;
  readonly #settings = new Map<string, RolloutSetting>();
  readonly #listeners = new Set<(provider: string, setting: RolloutSetting) => void>();
  #initial: string | undefined;
  #kernel: CacheKernel | undefined;
  #options: ShareOptions = {};
  #timer: ReturnType<typeof setInterval> | undefined;
  #applied: string | null = null;
  #updatedAt: number | undefined;
  #lastReloadAt: number | undefined;
  /** Changes made here that the store has not taken yet, re-applied to the stored switches when it does. */
  #pending: ((next: RolloutSwitches) => void)[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  /** Parses "openrouter=kernel,groq=dual:legacy,*=dual" (the format of CACHE_ROLLOUT). */
  static parse(text: string | undefined): RolloutSwitches {
    const switches = new RolloutSwitches();
    switches.load(text);
    switches.#initial = text;
    return switches;
  }

  /** Replaces every setting with the ones in `text` (a configuration reload), in this process. */
  load(text: string | undefined): void {
    const parsed = parseSettings(text);
    this.#default = parsed.get('*') ?? DEFAULT;
    parsed.delete('*');
    const before = new Set(this.#settings.keys());
    this.#settings.clear();
    for (const [provider, s] of parsed) this.#settings.set(provider, s);
    for (const provider of new Set([...before, ...parsed.keys()])) this.#emit(provider);
  }

  get(provider: string): RolloutSetting {
    return this.#settings.get(provider) ?? this.#default;
  }

  /** Changes one provider (or the default, `*`) in this process only; see {@link change} for every instance. */
  set(provider: string, mode: RolloutMode, readFrom?: RolloutSide): void {
    if (readFrom && mode !== 'dual')
      throw new RolloutConfigError(`${provider}=${mode}:${readFrom}`, 'a read side is only for dual mode');
    if (provider === '*') {
      this.#default = setting(mode, readFrom);
      for (const p of this.#settings.keys()) this.#emit(p);
      return;
    }
    this.#settings.set(provider, setting(mode, readFrom));
    this.#emit(provider);
  }

  /** The settings in CACHE_ROLLOUT's format (the default first): what {@link load} takes back. */
  toString(): string {
    return [
      format('*', this.#default),
      ...[...this.#settings].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, s]) => format(p, s)),
    ].join(',');
  }

  onChange(listener: (provider: string, setting: RolloutSetting) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every explicit setting, the default and where they come from, for status routes. */
  snapshot(): { default: RolloutSetting; providers: Record<string, RolloutSetting>; source: RolloutSource } {
    return {
      default: this.#default,
      providers: Object.fromEntries([...this.#settings].sort(([a], [b]) => (a < b ? -1 : 1))),
      source: {
        from: this.#applied === null ? 'config' : this.#kernel ? 'store' : 'local',
        shared: this.#kernel !== undefined,
        ...(this.#kernel ? { reloadMs: this.#reloadMs() } : {}),
        ...(this.#updatedAt !== undefined ? { updatedAt: this.#updatedAt } : {}),
        ...(this.#lastReloadAt !== undefined ? { lastReloadAt: this.#lastReloadAt } : {}),
        ...(this.#pending.length > 0 ? { pendingWrite: true } : {}),
      },
    };
  }

  /**
   * Keeps the switches in `kernel`'s document store from now on: loads what is stored (nothing
   * stored: the CACHE_ROLLOUT text stays), then re-reads every `reloadMs` until {@link stop}.
   */
  async share(kernel: CacheKernel, options: ShareOptions = {}): Promise<void> {
    if (this.#kernel) throw new RangeError('these rollout switches are shared already');
    this.#kernel = kernel;
    this.#options = options;
    const reloadMs = this.#reloadMs();
    if (!(reloadMs > 0)) throw new RangeError(`reloadMs must be > 0 (got ${reloadMs})`);
    this.#timer = setInterval(() => void this.reload(), reloadMs);
    this.#timer.unref();
    // Queued first, so reloads and changes asked for meanwhile wait for the first load.
    await this.#serial(async () => {
      await kernel.connect(options.connectTimeoutMs ?? 2_000);
      return this.#reloadNow();
    });
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Re-reads the stored switches and applies them when they changed. A change made here that the
   * store did not take is applied to the stored switches first (compare-and-set, so changes made
   * elsewhere meanwhile are kept). When the store cannot be read, nothing changes (`skipped`).
   */
  reload(): Promise<'applied' | 'unchanged' | 'skipped'> {
    return this.#serial(() => this.#reloadNow());
  }

  async #reloadNow(): Promise<'applied' | 'unchanged' | 'skipped'> {
    if (this.#pending.length > 0 && !(await this.#storePending())) return 'skipped' as const;
    const read = await this.#read();
    if (!read.ok) return 'skipped' as const;
    this.#lastReloadAt = Date.now();
    const text = read.stored?.rollout ?? null;
    if (text === this.#applied) return 'unchanged' as const;
    this.#apply(read.stored);
    return 'applied' as const;
  }

  /**
   * Changes one provider (or the default, `*`) here at once and, when shared, for every instance:
   * the change is applied to the stored switches with a compare-and-set (another instance's change
   * made at the same moment is kept). Resolves `stored: false` when the store did not take it: the
   * change holds here and is applied to the stored switches on the next reload that reaches the store.
   */
  change(provider: string, mode: RolloutMode, readFrom?: RolloutSide): Promise<{ stored: boolean }> {
    return this.#update((next) => next.set(provider, mode, readFrom));
  }

  /** Replaces every switch (CACHE_ROLLOUT's format), here and, when shared, for every instance. */
  replace(text: string): Promise<{ stored: boolean }> {
    return this.#update((next) => next.load(text));
  }

  /** Drops the stored switches: every instance goes back to its own CACHE_ROLLOUT. */
  reset(): Promise<{ stored: boolean }> {
    return this.#serial(async () => {
      this.#apply(undefined);
      this.#pending = [];
      if (!this.#kernel) return { stored: false };
      return { stored: await this.#write(this.#document(null)) };
    });
  }

  /** Reloads and changes run one at a time, so a reload never undoes a change made meanwhile. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #reloadMs(): number {
    return this.#options.reloadMs ?? DEFAULT_ROLLOUT_RELOAD_MS;
  }

  #update(edit: (next: RolloutSwitches) => void): Promise<{ stored: boolean }> {
    return this.#serial(async () => {
      // Checked first: a bad edit throws here and nothing is queued or written.
      const local = RolloutSwitches.parse(this.toString());
      edit(local);
      if (this.#kernel) {
        this.#pending.push(edit);
        if (await this.#storePending()) return { stored: true };
      }
      // Not stored: the change holds here until a reload reaches the store.
      this.#apply(this.#document(local.toString()));
      return { stored: false };
    });
  }

  /**
   * Applies the pending changes to what is stored, compare-and-set: the stored switches are read,
   * changed and written only if nobody wrote in between (else read again). What is stored then is
   * applied here. False (changes kept pending) when the store cannot be reached.
   */
  async #storePending(): Promise<boolean> {
    const kernel = this.#kernel!;
    if (kernel.remoteConnected() === false) {
      this.#options.onError?.(new Error('the shared store is not connected'), 'write');
      return false;
    }
    const edits = [...this.#pending];
    let written: StoredRollout | undefined;
    try {
      await kernel.updateDocument(ROLLOUT_DOCUMENT, (current) => {
        // Start from what is stored (changes other instances made; after a reset, CACHE_ROLLOUT).
        // Nothing stored, or a document this version cannot read (replaced): what is in force here.
        const stored = readableStoredRollout(current);
        const base = new RolloutSwitches();
        base.load(stored ? (stored.rollout ?? this.#initial) : this.toString());
        for (const edit of edits) edit(base);
        written = this.#document(base.toString());
        return JSON.stringify(written);
      });
    } catch (error) {
      this.#options.onError?.(error, 'write');
      return false;
    }
    this.#pending = this.#pending.slice(edits.length);
    this.#apply(written);
    return true;
  }

  #document(rollout: string | null): StoredRollout {
    return { rollout, updatedAt: Date.now(), by: this.#kernel?.instanceId ?? 'local' };
  }

  #apply(stored: StoredRollout | undefined): void {
    this.load(stored?.rollout ?? this.#initial);
    this.#applied = stored?.rollout ?? null;
    this.#updatedAt = stored?.updatedAt;
  }

  /** The stored document; `ok: false` when the shared store failed (the kernel then falls back to memory, which may be old). */
  async #read(): Promise<{ ok: true; stored: StoredRollout | undefined } | { ok: false }> {
    const kernel = this.#kernel!;
    if (kernel.remoteConnected() === false) {
      this.#options.onError?.(new Error('the shared store is not connected'), 'read');
      return { ok: false };
    }
    let failure: unknown;
    const off = kernel.on('store-error', (event) => {
      if (event.operation === 'document-read') failure = event.error;
    });
    let json: string | undefined;
    try {
      json = await kernel.getDocument(ROLLOUT_DOCUMENT);
    } catch (error) {
      failure = error;
    } finally {
      off();
    }
    if (failure !== undefined) {
      this.#options.onError?.(failure, 'read');
      return { ok: false };
    }
    if (json === undefined) return { ok: true, stored: undefined };
    try {
      return { ok: true, stored: parseStoredRollout(json) };
    } catch (error) {
      // A document this version cannot read (hand-edited, newer format): keep what is in force.
      this.#options.onError?.(error, 'read');
      return { ok: false };
    }
  }

  /** Overwrites the stored switches (reset). */
  async #write(document: StoredRollout): Promise<boolean> {
    try {
      await this.#kernel!.setDocument(ROLLOUT_DOCUMENT, JSON.stringify(document));
      return true;
    } catch (error) {
      this.#options.onError?.(error, 'write');
      return false;
    }
  }

  #emit(provider: string): void {
    const s = this.get(provider);
    for (const listener of this.#listeners) listener(provider, s);
  }
}
