export { createGroq, groq, type GroqSettings } from './groq-provider.ts';
export { VERSION } from './version.ts';
