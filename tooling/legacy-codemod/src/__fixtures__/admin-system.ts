// Pattern 3 and 5 in admin and system code: modelz management, the provider and huggingface caches,
// a timestamp read, and error-state calls inside expressions.
import {
  clearGatewayError,
  clearModelzCache,
  huggingfaceCache,
  modelsCache,
  providerAggregateCache,
  setGatewayError,
} from '@catalog/legacy-cache';

export async function resetModelz(): Promise<void> {
  await clearModelzCache();
}

export function providerSummary(): string[] {
  return providerAggregateCache().data.map((p) => `${p.provider}: ${p.models}`);
}

export function huggingfaceCount(): number {
  return huggingfaceCache().data?.length ?? 0;
}

export function cacheAge(gateway: string): number | null {
  const stamp = modelsCache(gateway).timestamp;
  return stamp ? Date.now() - stamp.getTime() : null;
}

export function probe(gateway: string, check: () => Promise<void>): Promise<boolean> {
  return check().then(
    () => clearGatewayError(gateway).then(() => true),
    (error: Error) => setGatewayError(gateway, error.message).then(() => false),
  );
}
