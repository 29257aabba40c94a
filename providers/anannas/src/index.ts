export { createAnannas, anannas, type AnannasSettings } from './anannas-provider.ts';
export { VERSION } from './version.ts';
