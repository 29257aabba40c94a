import { describe, expect, it } from 'vitest';
import { RespCommandCounter } from './resp-command-counter.ts';

const command = (...args: string[]) =>
  `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;

describe('RespCommandCounter', () => {
  it('counts pipelined commands by name', () => {
    const counter = new RespCommandCounter();
    counter.push(
      Buffer.from(command('HGET', 'k', 'm') + command('set', 'a', 'b', 'PX', '10') + command('HGET', 'x', 'y')),
    );
    expect(counter.commands).toBe(3);
    expect(Object.fromEntries(counter.byName)).toEqual({ HGET: 2, SET: 1 });
  });

  it('counts the same wherever the chunks split the stream, payloads containing CRLF included', () => {
    const text = command('EVAL', 'return 1\r\n*2\r\n', '0') + command('PUBLISH', 'c', '{"a":"\r\n"}') + command('PING');
    const bytes = Buffer.from(text);
    for (let size = 1; size <= 7; size++) {
      const counter = new RespCommandCounter();
      for (let i = 0; i < bytes.length; i += size) counter.push(bytes.subarray(i, i + size));
      expect(counter.commands).toBe(3);
      expect(Object.fromEntries(counter.byName)).toEqual({ EVAL: 1, PUBLISH: 1, PING: 1 });
    }
  });

  it('counts inline commands', () => {
    const counter = new RespCommandCounter();
    counter.push(Buffer.from('PING\r\nINFO stats\r\n'));
    expect(Object.fromEntries(counter.byName)).toEqual({ PING: 1, INFO: 1 });
  });

  it('refuses a stream that is not RESP', () => {
    const counter = new RespCommandCounter();
    expect(() => counter.push(Buffer.from('*2\r\n:1\r\n'))).toThrow(/unexpected RESP line/);
  });
});
