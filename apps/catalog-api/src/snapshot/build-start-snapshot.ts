import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { runtimeModuleFile } from './runtime-module-path.ts';
import { lazyHttp2Plugin } from './lazy-http2-plugin.ts';
import { RUNTIME_MODULES, snapshotPlugin } from './snapshot-plugin.ts';

const run = promisify(execFile);

/** The catalog API's folder (apps/catalog-api). */
export const APP_DIR = path.resolve(import.meta.dirname, '../..');
/** Where `pnpm build:start` writes the start snapshot (gitignored). */
export const DEFAULT_OUT_DIR = path.join(APP_DIR, 'dist/start');
const ENTRY = path.join(import.meta.dirname, 'snapshot-main.ts');
/** The build's own sources: a change to any of them makes a build stale as well. */
const BUILD_SOURCES = [
  'build-start-snapshot.ts',
  'snapshot-plugin.ts',
  'lazy-http2-plugin.ts',
  'runtime-module-path.ts',
].map((f) => path.join(import.meta.dirname, f));

/** `node --build-snapshot` failed (a module not safe for a snapshot, see the message). */
export class SnapshotBuildError extends Error {
  override readonly name = 'SnapshotBuildError';

  readonly blob: string;
  readonly output: string;

  constructor(blob: string, output: string) {
    super(`building the startup snapshot ${blob} failed:\n${output}`);
    this.blob = blob;
    this.output = output;
  }

  static isInstance(error: unknown): error is SnapshotBuildError {
    return error instanceof Error && error.name === 'SnapshotBuildError';
  }
}

/** The files of a start build. */
export interface StartSnapshot {
  outDir: string;
  /** The bundle evaluated into the snapshot. */
  bundle: string;
  /** Run with `node --snapshot-blob <blob>`, by the same Node binary that built it. */
  blob: string;
  manifest: string;
}

interface Manifest {
  node: string;
  fingerprint: string;
  inputs: string[];
}

export function startSnapshotFiles(outDir = DEFAULT_OUT_DIR): StartSnapshot {
  return {
    outDir,
    bundle: path.join(outDir, 'catalog-api.cjs'),
    blob: path.join(outDir, 'catalog-api.blob'),
    manifest: path.join(outDir, 'manifest.json'),
  };
}

/** The Node binary a blob is for: a snapshot only runs on the binary (version, platform, arch) that built it. */
function nodeId(): string {
  return `${process.version} ${process.platform}-${process.arch}`;
}

async function fingerprint(inputs: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(nodeId());
  for (const file of inputs) {
    hash.update(`\0${file}\0`);
    hash.update(await readFile(file).catch(() => Buffer.from('(missing)')));
  }
  return hash.digest('hex');
}

function inputsOf(metafiles: readonly Metafile[]): string[] {
  const inputs = new Set(BUILD_SOURCES);
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      // Virtual modules (the plugin's stand-ins) have a namespace prefix and no file.
      if (!input.includes(':')) inputs.add(path.resolve(APP_DIR, input));
    }
  }
  return [...inputs].sort();
}

/** Whether `outDir` holds a build of the current sources for this Node binary. */
export async function isStartSnapshotFresh(outDir = DEFAULT_OUT_DIR): Promise<boolean> {
  const files = startSnapshotFiles(outDir);
  const manifest = (await readFile(files.manifest, 'utf8')
    .then((text) => JSON.parse(text) as Manifest)
    .catch(() => undefined)) as Manifest | undefined;
  if (!manifest || manifest.node !== nodeId()) return false;
  if (!(await stat(files.blob).catch(() => undefined))) return false;
  return manifest.fingerprint === (await fingerprint(manifest.inputs));
}

/**
 * Bundles the real-mode start (snapshot-main.ts: composition, warm-up and server modules) into one
 * CommonJS file, the RUNTIME_MODULES each into their own, then evaluates the bundle into a startup
 * snapshot with `node --build-snapshot`, and records what it was built from.
 */
export async function buildStartSnapshot(
  outDir = DEFAULT_OUT_DIR,
  options: {
    /** The module evaluated into the snapshot (default src/snapshot/snapshot-main.ts). */
    entry?: string;
  } = {},
): Promise<StartSnapshot> {
  const files = startSnapshotFiles(outDir);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    conditions: ['@catalog/source'],
    absWorkingDir: APP_DIR,
    metafile: true,
    logLevel: 'error',
    logOverride: { 'empty-import-meta': 'error' },
  };
  const metafiles: Metafile[] = [];
  for (const module of RUNTIME_MODULES) {
    const result = await build({
      ...common,
      ...(module.entry
        ? { entryPoints: [path.join(APP_DIR, module.entry)] }
        : {
            stdin: { contents: `module.exports = require(${JSON.stringify(module.specifier)});`, resolveDir: APP_DIR },
          }),
      outfile: runtimeModuleFile(outDir, module.specifier),
      plugins: [lazyHttp2Plugin()],
    });
    metafiles.push(result.metafile!);
  }
  const result = await build({
    ...common,
    entryPoints: [options.entry ?? ENTRY],
    outfile: files.bundle,
    plugins: [snapshotPlugin(APP_DIR, outDir)],
  });
  metafiles.push(result.metafile!);
  try {
    await run(process.execPath, ['--snapshot-blob', files.blob, '--build-snapshot', files.bundle], {
      cwd: outDir,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string };
    throw new SnapshotBuildError(files.blob, `${stdout}${withoutSupportWarnings(stderr)}`.trim().slice(-4_000));
  }
  const inputs = inputsOf(metafiles);
  const manifest: Manifest = { node: nodeId(), fingerprint: await fingerprint(inputs), inputs };
  await writeFile(files.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}

/** Node's "not yet fully verified whether built-in module X works in user snapshot builder scripts" notes. */
function withoutSupportWarnings(stderr: string): string {
  return stderr
    .split('\n')
    .filter(
      (line) => !/not yet fully verified|It may still work|To request support|Use `node --trace-warnings/.test(line),
    )
    .join('\n');
}
