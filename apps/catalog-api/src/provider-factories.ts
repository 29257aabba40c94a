import type { CatalogProvider, ProviderSettings } from '@catalog/provider-contract';
import { createAIHubMix } from '@catalog/provider-aihubmix';
import { createAimo } from '@catalog/provider-aimo';
import { createAlibabaCloud } from '@catalog/provider-alibaba-cloud';
import { createAnannas } from '@catalog/provider-anannas';
import { createAnthropic } from '@catalog/provider-anthropic';
import { createCanopyWave } from '@catalog/provider-canopywave';
import { createCerebras } from '@catalog/provider-cerebras';
import { createChutes } from '@catalog/provider-chutes';
import { createClarifai } from '@catalog/provider-clarifai';
import { createDeepInfra } from '@catalog/provider-deepinfra';
import { createFal } from '@catalog/provider-fal';
import { createFeatherless } from '@catalog/provider-featherless';
import { createFireworks } from '@catalog/provider-fireworks';
import { createGoogleVertex } from '@catalog/provider-google-vertex';
import { createGroq } from '@catalog/provider-groq';
import { createHelicone } from '@catalog/provider-helicone';
import { createHuggingFaceHub } from '@catalog/provider-huggingface-hub';
import { createHuggingFace } from '@catalog/provider-huggingface';
import { createModelz } from '@catalog/provider-modelz';
import { createMorpheus } from '@catalog/provider-morpheus';
import { createNear } from '@catalog/provider-near';
import { createNebius } from '@catalog/provider-nebius';
import { createNovita } from '@catalog/provider-novita';
import { createOneRouter } from '@catalog/provider-onerouter';
import { createOpenAI } from '@catalog/provider-openai';
import { createOpenRouter } from '@catalog/provider-openrouter';
import { createTogether } from '@catalog/provider-together';
import { createVercelAiGateway } from '@catalog/provider-vercel-ai-gateway';
import { createXAI } from '@catalog/provider-xai';
import { createZAi } from '@catalog/provider-zai';

/** Every provider package the API can serve, by slug. */
export const PROVIDER_FACTORIES: Readonly<Record<string, (settings?: ProviderSettings) => CatalogProvider>> = {
  aihubmix: createAIHubMix,
  aimo: createAimo,
  'alibaba-cloud': createAlibabaCloud,
  anannas: createAnannas,
  anthropic: createAnthropic,
  canopywave: createCanopyWave,
  cerebras: createCerebras,
  chutes: createChutes,
  clarifai: createClarifai,
  deepinfra: createDeepInfra,
  fal: createFal,
  featherless: createFeatherless,
  fireworks: createFireworks,
  'google-vertex': createGoogleVertex,
  groq: createGroq,
  helicone: createHelicone,
  huggingface: createHuggingFace,
  'huggingface-hub': createHuggingFaceHub,
  modelz: createModelz,
  morpheus: createMorpheus,
  near: createNear,
  nebius: createNebius,
  novita: createNovita,
  onerouter: createOneRouter,
  openai: createOpenAI,
  openrouter: createOpenRouter,
  together: createTogether,
  'vercel-ai-gateway': createVercelAiGateway,
  xai: createXAI,
  zai: createZAi,
};

/**
 * `value` as the key of every provider that takes one, by environment variable: composes every
 * provider as configured without real keys (the demo, the start snapshot's build-time prewarm, the bench).
 */
export function placeholderKeys(value: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const create of Object.values(PROVIDER_FACTORIES)) {
    const auth = create({ env: {} }).auth;
    if (auth.kind !== 'none') env[auth.envVar] = value;
  }
  return env;
}
