// `pnpm build:start [--force]`: builds the start snapshot into dist/start unless it is up to date.
import { parseArgs } from 'node:util';
import {
  buildStartSnapshot,
  DEFAULT_OUT_DIR,
  isStartSnapshotFresh,
  SnapshotBuildError,
  startSnapshotFiles,
} from './build-start-snapshot.ts';

const { values } = parseArgs({ options: { force: { type: 'boolean', default: false }, out: { type: 'string' } } });
const outDir = values.out ?? DEFAULT_OUT_DIR;
if (!values.force && (await isStartSnapshotFresh(outDir))) {
  console.log(`start snapshot up to date: ${startSnapshotFiles(outDir).blob}`);
} else {
  const started = performance.now();
  try {
    const files = await buildStartSnapshot(outDir);
    console.log(`start snapshot built in ${Math.round(performance.now() - started)} ms: ${files.blob}`);
  } catch (error) {
    console.error(SnapshotBuildError.isInstance(error) ? error.message : error);
    process.exit(1);
  }
}
