export { createAIHubMix, aiHubMix, type AIHubMixSettings } from './aihubmix-provider.ts';
export { VERSION } from './version.ts';
