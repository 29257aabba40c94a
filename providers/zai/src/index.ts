export { createZAi, zAi, type ZAiSettings } from './zai-provider.ts';
export { VERSION } from './version.ts';
