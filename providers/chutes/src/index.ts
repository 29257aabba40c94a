export { createChutes, chutes, type ChutesSettings } from './chutes-provider.ts';
export { VERSION } from './version.ts';
