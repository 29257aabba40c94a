export { createXAI, xai, type XAISettings } from './xai-provider.ts';
export { VERSION } from './version.ts';
