export { createZAi, zai, type ZAiSettings } from './zai-provider.ts';
export { VERSION } from './version.ts';
