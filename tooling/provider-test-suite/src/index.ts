export { registerFetchModelsSuite, type FetchModelsSuiteOptions } from './register-fetch-models-suite.ts';
export {
  fixtureVariant,
  mainRouteIndex,
  type FixtureChange,
  type FixtureVariant,
  type FixtureVariantOptions,
} from './fixture-variants.ts';
export { brokenCopies, findEntryList, type BrokenEntry, type EntryFields } from './broken-entries.ts';
