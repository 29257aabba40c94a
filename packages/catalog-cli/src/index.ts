export { runCli, type CliIo } from './run-cli.ts';
export { AdminClient, CliError, type AdminClientOptions } from './admin-client.ts';
export { ProgressBar } from './progress-bar.ts';
export { renderTable } from './render-table.ts';
