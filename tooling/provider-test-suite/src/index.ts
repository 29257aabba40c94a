export { registerFetchModelsSuite, type FetchModelsSuiteOptions } from './register-fetch-models-suite.ts';
export { fixtureVariant, mainRouteIndex, type FixtureVariant } from './fixture-variants.ts';
