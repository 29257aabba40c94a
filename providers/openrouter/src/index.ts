export { createOpenRouter, openrouter, type OpenRouterSettings } from './openrouter-provider.ts';
export { VERSION } from './version.ts';
