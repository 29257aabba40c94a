export {
  CacheKernel,
  type CacheKernelOptions,
  type CacheRead,
  type KernelLogger,
  type KeyStatus,
  type RefreshOptions,
  type ReadState,
  type RegisterOptions,
} from './cache-kernel.ts';
export type { CacheStore, ReadSource, StoredEntry, StoreReadOptions } from './cache-store.ts';
export { MemoryStore, type HeldEntry, type MemoryStoreOptions } from './memory/memory-store.ts';
export { TieredStore } from './tiered-store.ts';
export {
  DEFAULT_DOCUMENT_UPDATE_ATTEMPTS,
  type DocumentUpdate,
  type UpdateDocumentOptions,
} from './update-document.ts';
export {
  contentVersion,
  deepFreeze,
  envelopeMeta,
  parseEnvelopeMeta,
  type Envelope,
  type EnvelopeMeta,
} from './envelope.ts';
export { DEFAULT_KEY_POLICY, resolvePolicy, type KeyPolicy, type KeyPolicyOverrides } from './key-policy.ts';
export { BREAKER_STATE_VALUE, type BreakerState, type RetryNotice } from './key-resilience.ts';
export { retryDelay } from './retry-delay.ts';
export { KernelEvents, type KernelEventMap, type KernelEventName, type KernelListener } from './kernel-events.ts';
export { guardValue, defaultCount, type CountFn } from './last-good-guard.ts';
export {
  CircuitOpenError,
  DocumentConflictError,
  FetchTimeoutError,
  KernelError,
  NoValueError,
  RejectedValueError,
  RetryLaterError,
  StoreError,
  UnknownKeyError,
} from './kernel-error.ts';
