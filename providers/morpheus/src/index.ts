export { createMorpheus, morpheus, type MorpheusSettings } from './morpheus-provider.ts';
export { VERSION } from './version.ts';
