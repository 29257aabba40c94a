export { createNebius, nebius, type NebiusSettings } from './nebius-provider.ts';
export { VERSION } from './version.ts';
