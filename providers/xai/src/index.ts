export { createXAI, xAI, type XAISettings } from './xai-provider.ts';
export { VERSION } from './version.ts';
