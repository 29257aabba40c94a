export { registerFetchModelsSuite, type FetchModelsSuiteOptions } from './register-fetch-models-suite.ts';
export { findModelList } from './find-model-list.ts';
export { fixtureVariant, mainRouteIndex, type FixtureVariant } from './fixture-variants.ts';
