export { startMockUpstream, type MockUpstream, type MockUpstreamOptions, type ProviderStats } from './mock-upstream.ts';
export { Knobs } from './knobs.ts';
export { discoverProviderFixtures, DEFAULT_PROVIDERS_DIR } from './provider-fixtures.ts';
export { transformPayload } from './transform-payload.ts';
export {
  hostileText,
  HOSTILE_DESCRIPTION,
  HOSTILE_ID,
  HOSTILE_NAME,
  OVERLONG_DESCRIPTION,
  OVERLONG_DESCRIPTION_ID,
  OVERLONG_ID,
} from './hostile-strings.ts';
