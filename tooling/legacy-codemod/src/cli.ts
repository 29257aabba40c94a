#!/usr/bin/env node
// catalog-codemod [--dry-run] [--kernel-import <module>] [--kernel-name <name>] <files or folders...>
import { parseArgs } from 'node:util';
import { formatReport, runCodemod } from './run-codemod.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    'kernel-import': { type: 'string', default: '@app/cache/kernel' },
    'kernel-name': { type: 'string', default: 'kernel' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || positionals.length === 0) {
  console.error(
    'usage: catalog-codemod [--dry-run] [--kernel-import <module exporting your kernel>] [--kernel-name kernel] <files or folders...>',
  );
  process.exit(positionals.length === 0 && !values.help ? 2 : 0);
}
const result = await runCodemod({
  paths: positionals,
  dryRun: values['dry-run'],
  kernelImport: values['kernel-import']!,
  kernelName: values['kernel-name']!,
});
console.log(formatReport(result, values['dry-run']!));
process.exit(0);
