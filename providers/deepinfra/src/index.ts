export { createDeepInfra, deepInfra, type DeepInfraSettings } from './deepinfra-provider.ts';
export { VERSION } from './version.ts';
