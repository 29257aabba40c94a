// Fixture helpers with no test-runner dependency (safe to import from servers and scripts).
export {
  loadFixtureSet,
  matchFixtureRoute,
  renderFixtureRoute,
  type FixtureRoute,
  type FixtureSet,
} from './fixture-routes.ts';
export { findModelList } from './find-model-list.ts';
export { getFreePort } from './free-port.ts';
