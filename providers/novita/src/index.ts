export { createNovita, novita, type NovitaSettings } from './novita-provider.ts';
export { VERSION } from './version.ts';
