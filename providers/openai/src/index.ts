export { createOpenAI, openai, type OpenAISettings } from './openai-provider.ts';
export { VERSION } from './version.ts';
