export { createFireworks, fireworks, type FireworksSettings } from './fireworks-provider.ts';
export { VERSION } from './version.ts';
