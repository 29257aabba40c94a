import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownTable, MissingSectionError, replaceSection, writeReliabilitySection } from './reliability-doc.ts';

describe('replaceSection', () => {
  const doc = 'intro\n<!-- table:begin -->\nold\n<!-- table:end -->\noutro\n';

  it('replaces what is between the markers and keeps the rest', () => {
    expect(replaceSection(doc, 'table', 'new\n')).toBe('intro\n<!-- table:begin -->\nnew\n<!-- table:end -->\noutro\n');
  });

  it('refuses a document without the markers', () => {
    expect(() => replaceSection('no markers', 'table', 'x', 'DOC.md')).toThrow(MissingSectionError);
    expect(() => replaceSection('no markers', 'table', 'x', 'DOC.md')).toThrow(/DOC\.md has no/);
  });

  it('writes a file in place', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reliability-doc-'));
    try {
      const file = path.join(dir, 'DOC.md');
      writeFileSync(file, doc);
      writeReliabilitySection('table', 'written', file);
      expect(readFileSync(file, 'utf8')).toContain('<!-- table:begin -->\nwritten\n<!-- table:end -->');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('markdownTable', () => {
  it('escapes pipes and line breaks in cells', () => {
    expect(markdownTable(['a', 'b'], [['x|y', 'one\ntwo']])).toBe('| a | b |\n| --- | --- |\n| x\\|y | one<br>two |');
  });
});
