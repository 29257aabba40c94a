export { createNear, near, type NearSettings } from './near-provider.ts';
export { VERSION } from './version.ts';
