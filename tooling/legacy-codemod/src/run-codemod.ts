import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Project, QuoteKind } from 'ts-morph';
import { rewriteLegacyCalls, type FileReport, type RewriteOptions } from './rewrite-legacy-calls.ts';

export interface CodemodOptions extends RewriteOptions {
  /** Files or folders (folders: every .ts/.tsx/.mts below, node_modules excluded). */
  paths: string[];
  /** Report only; change nothing. */
  dryRun?: boolean;
}

export interface CodemodResult {
  files: FileReport[];
  rewritten: number;
  remaining: number;
}

/** A path given to the codemod that does not exist. */
export class CodemodPathError extends Error {
  readonly path: string;
  constructor(target: string) {
    super(`no such file or folder: ${target}`);
    this.name = 'CodemodPathError';
    this.path = target;
  }
}

/** Runs the rewrite over files and folders; saves unless `dryRun`. */
export async function runCodemod(options: CodemodOptions): Promise<CodemodResult> {
  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    manipulationSettings: { quoteKind: QuoteKind.Single },
  });
  for (const target of options.paths) {
    const resolved = path.resolve(target);
    if (!existsSync(resolved)) throw new CodemodPathError(target);
    if (statSync(resolved).isDirectory()) {
      project.addSourceFilesAtPaths([
        `${resolved}/**/*.{ts,tsx,mts}`,
        `!${resolved}/**/node_modules/**`,
        `!${resolved}/**/*.d.ts`,
      ]);
    } else {
      project.addSourceFileAtPath(resolved);
    }
  }
  const files = project
    .getSourceFiles()
    .map((file) => rewriteLegacyCalls(file, options))
    .filter((r) => r.rewritten.length + r.remaining.length > 0);
  if (!options.dryRun) await project.save();
  return {
    files,
    rewritten: files.reduce((n, f) => n + f.rewritten.length, 0),
    remaining: files.reduce((n, f) => n + f.remaining.length, 0),
  };
}

/** The human report: per file, what was rewritten and what remains (with why). */
export function formatReport(result: CodemodResult, dryRun: boolean): string {
  const lines: string[] = [];
  for (const file of result.files) {
    lines.push(path.relative(process.cwd(), file.file));
    for (const r of file.rewritten)
      lines.push(`  ${dryRun ? 'would rewrite' : 'rewrote'} L${r.line}: ${oneLine(r.from)}  →  ${oneLine(r.to)}`);
    for (const r of file.remaining) lines.push(`  LEFT L${r.line}: ${oneLine(r.code)}  (${r.reason})`);
  }
  lines.push(
    `${result.rewritten} call site(s) ${dryRun ? 'would be rewritten' : 'rewritten'}, ${result.remaining} left for a person in ${result.files.length} file(s)${dryRun ? ' (dry run: nothing changed)' : ''}`,
  );
  return lines.join('\n');
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 87)}...` : flat;
}
