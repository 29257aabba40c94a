import type { Knobs, MockUpstream } from '@catalog/mock-upstream';
import type { RedisServerHandle, TcpProxyHandle } from '@catalog/test-kit';
import type { ApiProcess } from './api-process.ts';
import type { ProviderHealth } from './api-reads.ts';
import type { MetricSample } from './prometheus-text.ts';
import type { StoreReader } from './store-reader.ts';

/** What the API served before the fault: nothing of it may be lost. */
export interface Baseline {
  /** Every id /v1/models listed. */
  readonly ids: ReadonlySet<string>;
  /** The total of each /catalog/models query of the load loop. */
  readonly totals: ReadonlyMap<string, number>;
  /** Each provider's served model ids. */
  readonly models: ReadonlyMap<string, readonly string[]>;
  readonly health: readonly ProviderHealth[];
  readonly metrics: readonly MetricSample[];
}

export interface StartApiOptions {
  /** Listen here (a restart takes its predecessor's port). */
  readonly port?: number;
  readonly env?: Record<string, string>;
  /** Resolve once it listens instead of once it is ready. */
  readonly wait?: 'ready' | 'listening';
}

/** What a scenario's steps and checks work with. */
export interface ScenarioContext {
  readonly spec: ScenarioSpec;
  /** The providers the API serves. */
  readonly providers: readonly string[];
  /** The provider the fault hits ('*': all of them). */
  readonly target: string;
  readonly upstream: MockUpstream;
  /** The scenario's own redis-server, when it asked for one. */
  readonly redis: RedisServerHandle | undefined;
  /** The TCP proxy between the API and the upstream, when the scenario asked for one. */
  readonly proxy: TcpProxyHandle | undefined;
  /** The API instance under load (a restart replaces it). */
  api: ApiProcess;
  /**
   * Another API instance with the scenario's configuration, once ready (or only listening);
   * killed when the scenario ends.
   */
  startApi(options?: StartApiOptions): Promise<ApiProcess>;
  /** Reads the scenario's Redis as an instance would (only with `redis`). */
  store(): StoreReader;
  readonly baseline: Baseline;
  /** A model added upstream when the fault ends, to see a refresh get through again. */
  readonly marker: string;
  /** Date.now() when the fault was injected. */
  readonly faultAt: number;
  /** Date.now() when recovery began (0 before). */
  readonly recoverAt: number;
  /**
   * Runs `step` as a window in which the API may refuse new requests (a restart): requests sent
   * inside it are counted, not judged. With `dropsInFlight` (a crash) neither are those in flight
   * when it begins; without it (a drain) they must still be answered.
   */
  outage<T>(step: () => Promise<T>, options?: { dropsInFlight?: boolean }): Promise<T>;
  /** The load loop: pause it to let what it sent arrive before a signal (requests in flight go on). */
  readonly load: { pause(): void; resume(): void };
  /** Key figures for the results table (e.g. upstream calls during the fault). */
  readonly figures: Record<string, string | number>;
}

/** One assertion about the API, in words and as a test. */
export interface Check {
  /** What is asserted, for the results table. */
  readonly what: string;
  /** Undefined when it holds; otherwise what was seen instead. */
  test(ctx: ScenarioContext): Promise<string | undefined>;
}

export interface ScenarioSpec {
  readonly name: string;
  readonly group: 'upstream' | 'redis' | 'process';
  /** The fault, in words, for the results table. */
  readonly fault: string;
  /** The provider the fault hits (default groq; '*' for all). */
  readonly target?: string;
  /** A redis-server of its own (with these extra arguments), the API's REDIS_URL. */
  readonly redis?: { args?: string[]; startStopped?: boolean };
  /** Put a TCP proxy between the API and the upstream (to refuse connections). */
  readonly viaProxy?: boolean;
  /** Configuration on top of the suite's (short TTLs, quick breakers). */
  readonly env?: Record<string, string>;
  /** Cache policy fields per provider on top of the suite's (PROVIDER_POLICIES). */
  readonly policies?: Record<string, Record<string, unknown>>;
  /** The target's upstream knobs from the start (kept through the fault and after it). */
  readonly knobs?: Knobs;
  /** Injects the fault. */
  inject(ctx: ScenarioContext): Promise<void>;
  /** What the API must show while the fault lasts (each must be seen at least once). */
  readonly shows: readonly Check[];
  /** After the fault shows: keep it this long under load, then run `during` once. */
  readonly holdMs?: number;
  readonly during?: readonly Check[];
  /** Ends the fault (default: the target's knobs back to `knobs`, plus the marker model). */
  recover?(ctx: ScenarioContext): Promise<void>;
  /** What recovery looks like (all at once); default: the target is healthy and serves the marker. */
  readonly recovered?: readonly Check[];
  /** Longest wait for `shows` and for `recovered`, ms (default 15 000). */
  readonly waitMs?: number;
}

/** A row of the results table: what one scenario asserted and measured. */
export interface ScenarioResult {
  readonly name: string;
  readonly group: ScenarioSpec['group'];
  readonly fault: string;
  readonly asserted: readonly string[];
  readonly figures: Readonly<Record<string, string | number>>;
}
