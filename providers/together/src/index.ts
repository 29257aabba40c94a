export { createTogether, together, type TogetherSettings } from './together-provider.ts';
export { VERSION } from './version.ts';
