export { createGoogleVertex, googleVertex, type GoogleVertexSettings } from './google-vertex-provider.ts';
export { VERSION } from './version.ts';
