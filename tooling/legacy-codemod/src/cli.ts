#!/usr/bin/env node
// catalog-codemod [--dry-run] [--kernel-import <module>] [--kernel-name <name>] <files or folders...>
// Exit codes: 0 done (the report lists what is left for a person), 2 bad usage or a path that does not exist.
import { parseArgs } from 'node:util';
import { CodemodPathError, formatReport, runCodemod } from './run-codemod.ts';

const USAGE =
  'usage: catalog-codemod [--dry-run] [--kernel-import <module exporting your kernel>] [--kernel-name kernel] <files or folders...>';

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      'kernel-import': { type: 'string', default: '@app/cache/kernel' },
      'kernel-name': { type: 'string', default: 'kernel' },
      help: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  console.error(`catalog-codemod: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (values.help || positionals.length === 0) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
try {
  const result = await runCodemod({
    paths: positionals,
    dryRun: values['dry-run'],
    kernelImport: values['kernel-import'],
    kernelName: values['kernel-name'],
  });
  console.log(formatReport(result, values['dry-run']));
} catch (error) {
  if (!(error instanceof CodemodPathError)) throw error;
  console.error(`catalog-codemod: ${error.message}`);
  process.exit(2);
}
