export { createOneRouter, oneRouter, type OneRouterSettings } from './onerouter-provider.ts';
export { VERSION } from './version.ts';
