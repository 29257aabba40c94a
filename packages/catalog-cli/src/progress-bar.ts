/**
 * A one-line progress bar rewritten in place on a TTY (one line per step otherwise, so logs and
 * pipes stay readable).
 */
export class ProgressBar {
  readonly #out: NodeJS.WritableStream & { isTTY?: boolean };
  readonly #total: number;
  readonly #width: number;

  constructor(out: NodeJS.WritableStream & { isTTY?: boolean }, total: number, width = 30) {
    this.#out = out;
    this.#total = Math.max(1, total);
    this.#width = width;
  }

  update(done: number, label: string): void {
    const filled = Math.round((done / this.#total) * this.#width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(this.#width - filled)}] ${done}/${this.#total} ${label}`;
    if (this.#out.isTTY) this.#out.write(`\r\x1b[2K${bar}`);
    else this.#out.write(`${bar}\n`);
  }

  finish(): void {
    if (this.#out.isTTY) this.#out.write('\n');
  }
}
