export { createHelicone, helicone, type HeliconeSettings } from './helicone-provider.ts';
export { VERSION } from './version.ts';
