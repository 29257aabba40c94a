import { CONTRACT_VERSION, type CatalogProvider } from '@catalog/provider-contract';

/**
 * A provider honouring the contract whose upstream is a timer: each fetch answers one model
 * (`<slug>/model`) after `latencyMs`. `around` runs at the start of a fetch and returns what to
 * run when it ends (the tests record concurrency and what the cache held).
 */
export function timedProvider(
  slug: string,
  latencyMs: number,
  around: () => (() => void) | void = () => undefined,
): CatalogProvider {
  return {
    contractVersion: CONTRACT_VERSION,
    slug,
    displayName: slug,
    tier: 'low',
    docsUrl: `https://${slug}.test/docs`,
    auth: { kind: 'none' },
    baseURL: `https://${slug}.test/v1`,
    isConfigured: () => true,
    async fetchModels() {
      const ended = around();
      try {
        await new Promise((resolve) => setTimeout(resolve, latencyMs));
        return { models: [{ id: `${slug}/model`, provider: slug, canonicalId: `${slug}/model` }], skipped: [] };
      } finally {
        ended?.();
      }
    },
  };
}
