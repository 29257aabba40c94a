// The catalog API in real mode: `pnpm start` (REDIS_URL, provider keys, ADMIN_TOKEN… from the environment).
import { enableCompileCache } from 'node:module';

// A restart skips compiling (and type-stripping) the app's modules again: Node keeps their compiled
// code on disk (NODE_COMPILE_CACHE, else a folder in the OS temporary directory) and checks it
// against each source. Enabled before the app is imported, so it covers every module.
enableCompileCache();
await import('./start-server.ts');
