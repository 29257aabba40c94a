import path from 'node:path';

/** Where a runtime module's own bundle is written, below the start build's folder. */
export function runtimeModuleFile(outDir: string, specifier: string): string {
  return path.join(outDir, 'runtime', `${specifier.replace(/^node:/, '').replace(/[^a-zA-Z0-9.-]+/g, '_')}.cjs`);
}
