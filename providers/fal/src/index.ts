export { createFal, fal, type FalSettings } from './fal-provider.ts';
export { VERSION } from './version.ts';
