export { createFeatherless, featherless, type FeatherlessSettings } from './featherless-provider.ts';
export { VERSION } from './version.ts';
