/** Where a provider's legacy cache calls go during the migration. */
export type RolloutMode = 'legacy' | 'kernel' | 'dual';

export interface RolloutSetting {
  readonly mode: RolloutMode;
  /** In dual mode, which side answers reads (the other is compared). Default: kernel. */
  readonly readFrom: 'legacy' | 'kernel';
}

const DEFAULT: RolloutSetting = Object.freeze({ mode: 'legacy', readFrom: 'legacy' });

export class RolloutConfigError extends Error {
  constructor(entry: string, reason: string) {
    super(`rollout setting "${entry}" is invalid: ${reason}. Use e.g. "openrouter=kernel,groq=dual:legacy,*=legacy".`);
    this.name = 'RolloutConfigError';
  }
}

/**
 * Per-provider rollout switches (the seed's open questions 1 and 2): legacy, kernel, or dual
 * (writes to both, reads from the chosen side and compares). They change at run time without a
 * restart; listeners hear every change.
 */
export class RolloutSwitches {
  #default: RolloutSetting = DEFAULT;
  readonly #settings = new Map<string, RolloutSetting>();
  readonly #listeners = new Set<(provider: string, setting: RolloutSetting) => void>();

  /** Parses "openrouter=kernel,groq=dual:legacy,*=dual" (the format of CACHE_ROLLOUT). */
  static parse(text: string | undefined): RolloutSwitches {
    const switches = new RolloutSwitches();
    switches.load(text);
    return switches;
  }

  /** Replaces every setting with the ones in `text` (a configuration reload). */
  load(text: string | undefined): void {
    const parsed = new Map<string, RolloutSetting>();
    for (const raw of (text ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const match = /^([a-z0-9-]+|\*)=(legacy|kernel|dual)(?::(legacy|kernel))?$/.exec(raw);
      if (!match) throw new RolloutConfigError(raw, 'expected <provider|*>=<legacy|kernel|dual>[:<legacy|kernel>]');
      const mode = match[2] as RolloutMode;
      if (match[3] && mode !== 'dual') throw new RolloutConfigError(raw, 'a read side is only for dual mode');
      parsed.set(match[1]!, {
        mode,
        readFrom: (match[3] as 'legacy' | 'kernel' | undefined) ?? (mode === 'legacy' ? 'legacy' : 'kernel'),
      });
    }
    this.#default = parsed.get('*') ?? DEFAULT;
    parsed.delete('*');
    const before = new Set(this.#settings.keys());
    this.#settings.clear();
    for (const [provider, setting] of parsed) this.#settings.set(provider, setting);
    for (const provider of new Set([...before, ...parsed.keys()])) this.#emit(provider);
  }

  get(provider: string): RolloutSetting {
    return this.#settings.get(provider) ?? this.#default;
  }

  set(provider: string, mode: RolloutMode, readFrom?: 'legacy' | 'kernel'): void {
    if (readFrom && mode !== 'dual')
      throw new RolloutConfigError(`${provider}=${mode}:${readFrom}`, 'a read side is only for dual mode');
    this.#settings.set(provider, { mode, readFrom: readFrom ?? (mode === 'legacy' ? 'legacy' : 'kernel') });
    this.#emit(provider);
  }

  onChange(listener: (provider: string, setting: RolloutSetting) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every explicit setting and the default, for status routes. */
  snapshot(): { default: RolloutSetting; providers: Record<string, RolloutSetting> } {
    return {
      default: this.#default,
      providers: Object.fromEntries([...this.#settings].sort(([a], [b]) => (a < b ? -1 : 1))),
    };
  }

  #emit(provider: string): void {
    const setting = this.get(provider);
    for (const listener of this.#listeners) listener(provider, setting);
  }
}
