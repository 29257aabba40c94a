export { rewriteLegacyCalls, LEGACY_MODULE, type FileReport, type RewriteOptions } from './rewrite-legacy-calls.ts';
export { runCodemod, formatReport, CodemodPathError, type CodemodOptions, type CodemodResult } from './run-codemod.ts';
