import { describe, expect, it } from 'vitest';
import { renderTable } from './render-table.ts';
import { ProgressBar } from './progress-bar.ts';

describe('renderTable', () => {
  it('aligns columns, numbers to the right', () => {
    expect(
      renderTable(
        ['provider', 'models'],
        [
          ['groq', '8'],
          ['openrouter', '312'],
        ],
      ),
    ).toBe(['provider    models', '----------  ------', 'groq             8', 'openrouter     312'].join('\n'));
  });
});

describe('ProgressBar', () => {
  it('writes one line per step when not on a TTY', () => {
    const lines: string[] = [];
    const out = { write: (chunk: string) => lines.push(chunk), isTTY: false } as unknown as NodeJS.WritableStream;
    const bar = new ProgressBar(out, 4, 8);
    bar.update(1, 'groq ok');
    bar.update(4, 'fal ok');
    expect(lines).toEqual(['[##......] 1/4 groq ok\n', '[########] 4/4 fal ok\n']);
  });

  it('rewrites the line in place on a TTY', () => {
    const chunks: string[] = [];
    const out = { write: (chunk: string) => chunks.push(chunk), isTTY: true } as unknown as NodeJS.WritableStream;
    const bar = new ProgressBar(out, 2, 4);
    bar.update(1, 'a');
    bar.finish();
    expect(chunks).toEqual(['\r\x1b[2K[##..] 1/2 a', '\n']);
  });
});
