export { startMockUpstream, type MockUpstream, type MockUpstreamOptions, type ProviderStats } from './mock-upstream.ts';
export { Knobs } from './knobs.ts';
export { discoverProviderFixtures, DEFAULT_PROVIDERS_DIR } from './provider-fixtures.ts';
export { transformPayload } from './transform-payload.ts';
export * from './hostile-strings.ts';
