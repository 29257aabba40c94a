export { createCerebras, cerebras, type CerebrasSettings } from './cerebras-provider.ts';
export { VERSION } from './version.ts';
