import { describe, expect, it } from 'vitest';
import { deferredModule, RuntimeExportMissingError, SnapshotBuildAccessError } from './deferred-module.ts';

class Real {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
  twice() {
    return this.value * 2;
  }
}

describe('deferredModule', () => {
  it('loads the module on the first use of an export, once, and hands out its exports', () => {
    let loads = 0;
    const real = { answer: 42, hello: (name: string) => `hello ${name}` };
    const stand = deferredModule(
      'x',
      () => {
        loads++;
        return real;
      },
      { keys: ['answer', 'hello'], callable: false, esModule: false },
    ) as typeof real;
    expect(loads).toBe(0);
    expect(Object.keys(stand)).toEqual(['answer', 'hello']);
    expect(stand.hello('you')).toBe('hello you');
    expect(stand.answer).toBe(42);
    expect(loads).toBe(1);
  });

  it('stands in for a module that is a function or class: calls, new and extends reach the real one', () => {
    function factory(this: unknown, n: number) {
      return new Real(n);
    }
    const Stand = deferredModule('f', () => Real, { keys: [], callable: true, esModule: false }) as typeof Real;
    const made = new Stand(3);
    expect(made).toBeInstanceOf(Real);
    expect(made.twice()).toBe(6);
    class Sub extends Stand {
      thrice() {
        return this.value * 3;
      }
    }
    const sub = new Sub(2);
    expect([sub instanceof Real, sub instanceof Sub, sub.twice(), sub.thrice()]).toEqual([true, true, 4, 6]);
    const call = deferredModule('g', () => factory, { keys: [], callable: true, esModule: true }) as (
      n: number,
    ) => Real;
    expect(call(5).value).toBe(5);
    expect((call as unknown as { __esModule: boolean }).__esModule).toBe(true);
  });

  it('fails naming the runtime entry when the bundle uses an export that entry leaves out', () => {
    const shape = { keys: ['request', 'fetch'], callable: false, esModule: false, runtimeEntry: 'src/x-runtime.cjs' };
    const stand = deferredModule('undici', () => ({ request: () => 'sent' }), shape) as Record<string, unknown>;
    expect((stand.request as () => string)()).toBe('sent');
    let failure: unknown;
    try {
      void stand.fetch;
    } catch (error) {
      failure = error;
    }
    expect(RuntimeExportMissingError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toContain('"undici" has no export "fetch"');
    expect((failure as Error).message).toContain('src/x-runtime.cjs');
  });

  it('names the module and export in the error thrown when used while a snapshot is built', () => {
    const error = new SnapshotBuildAccessError('node:http', 'STATUS_CODES');
    expect(SnapshotBuildAccessError.isInstance(error)).toBe(true);
    expect(error.message).toContain('"node:http" (STATUS_CODES) was used while building the startup snapshot');
  });
});
