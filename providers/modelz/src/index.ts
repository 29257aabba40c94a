export { createModelz, modelz, type ModelzSettings } from './modelz-provider.ts';
export { VERSION } from './version.ts';
