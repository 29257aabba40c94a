import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** docs/RELIABILITY.md (this file is tooling/fault-matrix/src/…). */
export const RELIABILITY_DOC = path.resolve(import.meta.dirname, '../../../docs/RELIABILITY.md');

export class MissingSectionError extends Error {
  constructor(file: string, section: string) {
    super(`${file} has no "<!-- ${section}:begin -->" … "<!-- ${section}:end -->" markers to write between`);
    this.name = 'MissingSectionError';
  }
}

/** The text between the markers of `section` replaced by `content` (the markers stay). */
export function replaceSection(doc: string, section: string, content: string, file = 'the document'): string {
  const begin = `<!-- ${section}:begin -->`;
  const end = `<!-- ${section}:end -->`;
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end, from);
  if (from < 0 || to < 0) throw new MissingSectionError(file, section);
  return `${doc.slice(0, from + begin.length)}\n${content.trim()}\n${doc.slice(to)}`;
}

/** Writes `content` into a section of docs/RELIABILITY.md (or `file`). */
export function writeReliabilitySection(section: string, content: string, file = RELIABILITY_DOC): void {
  writeFileSync(file, replaceSection(readFileSync(file, 'utf8'), section, content, file));
}

/** A Markdown table; cells have pipes escaped and line breaks turned into <br>. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
