/**
 * Counts the Redis commands in a client → server byte stream, by name, across chunk boundaries.
 * RESP commands are arrays of bulk strings (`*<n>\r\n` then n × `$<len>\r\n<bytes>\r\n`), as
 * ioredis sends them; an inline command (a plain text line) counts as one.
 */
export class RespCommandCounter {
  commands = 0;
  readonly byName = new Map<string, number>();
  /** Bytes of the header line being read (`*3`, `$5`). */
  #line: number[] = [];
  /** Elements of the current command not read yet (0: between commands). */
  #elementsLeft = 0;
  /** Payload bytes of the current bulk string still to read, then its CRLF. */
  #payloadLeft = 0;
  #crlfLeft = 0;
  /** The first element (the command's name) while it is read; undefined otherwise. */
  #name: number[] | undefined;
  #nameOf = '';
  #firstElement = false;

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.#payloadLeft > 0) {
        const n = Math.min(this.#payloadLeft, chunk.length - i);
        if (this.#name) for (let j = i; j < i + n && this.#name.length < 64; j++) this.#name.push(chunk[j]!);
        i += n;
        this.#payloadLeft -= n;
        continue;
      }
      if (this.#crlfLeft > 0) {
        const n = Math.min(this.#crlfLeft, chunk.length - i);
        i += n;
        this.#crlfLeft -= n;
        if (this.#crlfLeft === 0) this.#elementDone();
        continue;
      }
      const byte = chunk[i++]!;
      if (byte !== 0x0a) {
        this.#line.push(byte);
        continue;
      }
      const line = Buffer.from(this.#line).toString('latin1').replace(/\r$/, '');
      this.#line = [];
      this.#header(line);
    }
  }

  #header(line: string): void {
    if (this.#elementsLeft === 0) {
      if (line.startsWith('*')) {
        this.#elementsLeft = Math.max(0, Number(line.slice(1)));
        this.#firstElement = true;
        this.#nameOf = '';
      } else if (line.trim() !== '') {
        this.#count(line.trim().split(/\s+/)[0]!);
      }
      return;
    }
    if (!line.startsWith('$')) throw new Error(`unexpected RESP line inside a command: ${JSON.stringify(line)}`);
    this.#payloadLeft = Math.max(0, Number(line.slice(1)));
    this.#crlfLeft = 2;
    this.#name = this.#firstElement ? [] : undefined;
    this.#firstElement = false;
  }

  #elementDone(): void {
    if (this.#name) {
      this.#nameOf = Buffer.from(this.#name).toString('latin1');
      this.#name = undefined;
    }
    if (--this.#elementsLeft === 0) this.#count(this.#nameOf);
  }

  #count(name: string): void {
    this.commands++;
    const key = name.toUpperCase();
    this.byName.set(key, (this.byName.get(key) ?? 0) + 1);
  }
}
