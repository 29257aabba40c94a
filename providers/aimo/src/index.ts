export { createAimo, aimo, type AimoSettings } from './aimo-provider.ts';
export { VERSION } from './version.ts';
