import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandDeadlines } from './command-deadlines.ts';

describe('CommandDeadlines', () => {
  let deadlines: CommandDeadlines;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    deadlines = new CommandDeadlines();
  });
  afterEach(() => vi.useRealTimers());

  it('expires a command not settled within its deadline, and only it', () => {
    const expired: string[] = [];
    const slow = deadlines.start(50, () => expired.push('slow'));
    const fast = deadlines.start(50, () => expired.push('fast'));
    vi.advanceTimersByTime(10);
    expect(fast.settle()).toBe(true); // answered in time
    vi.advanceTimersByTime(39);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['slow']);
    expect(slow.settle()).toBe(false); // settling after the deadline changes nothing: the caller drops the late reply
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual(['slow']);
    expect(deadlines.size()).toBe(0);
  });

  it('tells what is left of a deadline, for a follow-up command within the same bound', () => {
    const deadline = deadlines.start(50, () => {});
    vi.advanceTimersByTime(20);
    expect(deadlines.remainingMs(deadline)).toBe(30);
    expect(deadline.settle()).toBe(true);
    vi.advanceTimersByTime(45);
    expect(deadlines.remainingMs(deadline)).toBe(0);
  });

  it('keeps one timer for any number of commands, and none once all have settled and it fired', () => {
    const handles = Array.from({ length: 100 }, () => deadlines.start(50, () => {}));
    expect(vi.getTimerCount()).toBe(1);
    for (const handle of handles) handle.settle();
    // Settling does not touch the timer: it fires once, finds nothing pending and stops.
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(50);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('holds only the commands since the oldest pending one (settled ones at the head are dropped)', () => {
    for (let i = 0; i < 1_000; i++) deadlines.start(50, () => {}).settle();
    const open = deadlines.start(50, () => {});
    expect(deadlines.size()).toBe(1);
    open.settle();
    expect(deadlines.size()).toBe(1); // dropped by the next start or sweep
    vi.advanceTimersByTime(50);
    expect(deadlines.size()).toBe(0);
  });

  it('fires a short deadline started after a long one on time, and the long one after', () => {
    const expired: { name: string; at: number }[] = [];
    const started = performance.now();
    deadlines.start(1_000, () => expired.push({ name: 'write', at: performance.now() - started }));
    deadlines.start(50, () => expired.push({ name: 'read', at: performance.now() - started }));
    vi.advanceTimersByTime(2_000);
    expect(expired).toEqual([
      { name: 'read', at: 50 },
      { name: 'write', at: 1_000 },
    ]);
  });

  it('re-arms for the next pending command after a sweep', () => {
    const expired: number[] = [];
    deadlines.start(50, () => expired.push(1));
    vi.advanceTimersByTime(20);
    deadlines.start(50, () => expired.push(2));
    vi.advanceTimersByTime(30);
    expect(expired).toEqual([1]);
    vi.advanceTimersByTime(19);
    expect(expired).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual([1, 2]);
  });

  it('gives a deadline that fired late by more than its length (this process was busy) one fresh window', () => {
    let now = 0;
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const late = new CommandDeadlines(() => now);
    const expired: number[] = [];
    late.start(50, () => expired.push(now));
    // The event loop was blocked for 200 ms: the timer runs at 200, long past its due time (50).
    now = 200;
    vi.advanceTimersByTime(50);
    expect(expired).toEqual([]);
    // A fresh 50 ms window from when it ran; a second late firing expires it.
    now = 400;
    vi.advanceTimersByTime(50);
    expect(expired).toEqual([400]);
  });
});
