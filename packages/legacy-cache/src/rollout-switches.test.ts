import { CacheKernel, MemoryStore, TieredStore } from '@catalog/cache-kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { RolloutConfigError } from './legacy-cache-error.ts';
import { DEFAULT_ROLLOUT_RELOAD_MS, ROLLOUT_DOCUMENT, RolloutSwitches } from './rollout-switches.ts';

describe('CACHE_ROLLOUT parsing', () => {
  it.each([
    [undefined, '*=legacy'],
    ['', '*=legacy'],
    ['  ,  ', '*=legacy'],
    ['*=kernel', '*=kernel'],
    ['openrouter=kernel', '*=legacy,openrouter=kernel'],
    ['openrouter=kernel, groq=dual:legacy, *=dual', '*=dual:kernel,groq=dual:legacy,openrouter=kernel'],
    ['groq=dual', '*=legacy,groq=dual:kernel'],
    ['*=dual:legacy,fal=legacy,', '*=dual:legacy,fal=legacy'],
    ['alibaba-cloud=kernel,x1=legacy', '*=legacy,alibaba-cloud=kernel,x1=legacy'],
  ])('%j is %s', (text, normalised) => {
    const switches = RolloutSwitches.parse(text);
    expect(switches.toString()).toBe(normalised);
    // The normal form parses back to the same switches.
    expect(RolloutSwitches.parse(switches.toString()).snapshot()).toEqual(switches.snapshot());
  });

  it('reads modes and read sides per provider, with the default for the rest', () => {
    const switches = RolloutSwitches.parse('openrouter=kernel, groq=dual:legacy, *=dual');
    expect(switches.get('openrouter')).toEqual({ mode: 'kernel', readFrom: 'kernel' });
    expect(switches.get('groq')).toEqual({ mode: 'dual', readFrom: 'legacy' });
    expect(switches.get('together')).toEqual({ mode: 'dual', readFrom: 'kernel' });
    expect(RolloutSwitches.parse(undefined).get('x')).toEqual({ mode: 'legacy', readFrom: 'legacy' });
  });

  it.each([
    ['openrouter=fast', /"openrouter=fast" is invalid: expected <provider\|\*>=<legacy\|kernel\|dual>/],
    ['groq=kernel:legacy', /"groq=kernel:legacy" is invalid: a read side is only for dual mode/],
    ['groq=legacy:kernel', /only for dual mode/],
    ['groq=dual:', /"groq=dual:" is invalid/],
    ['groq', /"groq" is invalid/],
    ['groq=', /"groq=" is invalid/],
    ['OpenRouter=kernel', /"OpenRouter=kernel" is invalid/],
    ['groq = kernel', /"groq = kernel" is invalid/],
    ['groq=kernel;fal=kernel', /is invalid/],
    ['groq=kernel,groq=legacy', /"groq=legacy" is invalid: "groq" is set twice/],
    ['*=kernel,*=legacy', /"\*" is set twice/],
  ])('refuses %j with a message that shows the format', (text, message) => {
    expect(() => RolloutSwitches.parse(text)).toThrow(RolloutConfigError);
    expect(() => RolloutSwitches.parse(text)).toThrow(message);
    expect(() => RolloutSwitches.parse(text)).toThrow(/Use e\.g\. "openrouter=kernel,groq=dual:legacy,\*=legacy"/);
  });
});

describe('RolloutSwitches in one process', () => {
  it('changes at run time and tells listeners, including on a reload', () => {
    const switches = RolloutSwitches.parse('groq=legacy');
    const heard: string[] = [];
    switches.onChange((provider, setting) => heard.push(`${provider}:${setting.mode}`));
    switches.set('groq', 'dual', 'legacy');
    expect(switches.get('groq').readFrom).toBe('legacy');
    switches.load('groq=kernel,fal=kernel');
    expect(heard).toEqual(['groq:dual', 'groq:kernel', 'fal:kernel']);
    expect(switches.snapshot()).toEqual({
      default: { mode: 'legacy', readFrom: 'legacy' },
      providers: { fal: { mode: 'kernel', readFrom: 'kernel' }, groq: { mode: 'kernel', readFrom: 'kernel' } },
      source: { from: 'config', shared: false },
    });
  });

  it('change() without a shared store applies here only, and `*` sets the default', async () => {
    const switches = RolloutSwitches.parse('groq=kernel');
    expect(await switches.change('*', 'dual', 'legacy')).toEqual({ stored: false });
    expect(switches.get('fal')).toEqual({ mode: 'dual', readFrom: 'legacy' });
    expect(switches.get('groq').mode).toBe('kernel');
    expect(switches.snapshot().source).toEqual({ from: 'local', shared: false, updatedAt: expect.any(Number) });
    await expect(switches.change('groq', 'kernel', 'legacy')).rejects.toThrow(RolloutConfigError);
    await switches.reset();
    expect(switches.toString()).toBe('*=legacy,groq=kernel');
  });
});

describe('RolloutSwitches shared through the kernel document store', () => {
  // Instances of one fleet: each its own kernel and memory, one shared store behind them (as Redis is).
  const shared = new MemoryStore();
  const started: RolloutSwitches[] = [];
  const instance = async (cacheRollout: string | undefined, reloadMs = 60_000) => {
    const kernel = new CacheKernel({ store: new TieredStore(shared) });
    const switches = RolloutSwitches.parse(cacheRollout);
    await switches.share(kernel, { reloadMs });
    started.push(switches);
    return { kernel, switches };
  };
  afterEach(async () => {
    for (const s of started.splice(0)) s.stop();
    await shared.setDocument(ROLLOUT_DOCUMENT, JSON.stringify({ rollout: null, updatedAt: 0, by: 'test' }));
  });

  it('CACHE_ROLLOUT is the value while nothing is stored', async () => {
    const a = await instance('groq=dual:legacy,*=kernel');
    expect(a.switches.get('groq')).toEqual({ mode: 'dual', readFrom: 'legacy' });
    expect(a.switches.snapshot().source).toMatchObject({
      from: 'config',
      shared: true,
      reloadMs: 60_000,
      lastReloadAt: expect.any(Number),
    });
    expect(DEFAULT_ROLLOUT_RELOAD_MS).toBe(5_000);
  });

  it('a change on one instance reaches the others on their next reload, and survives a restart', async () => {
    const a = await instance('*=kernel');
    const b = await instance('*=kernel');
    expect(await a.switches.change('groq', 'legacy')).toEqual({ stored: true });
    expect(a.switches.get('groq').mode).toBe('legacy');
    expect(b.switches.get('groq').mode).toBe('kernel'); // not reloaded yet
    expect(await b.switches.reload()).toBe('applied');
    expect(b.switches.get('groq').mode).toBe('legacy');
    expect(await b.switches.reload()).toBe('unchanged');
    expect(b.switches.snapshot().source).toMatchObject({ from: 'store', updatedAt: expect.any(Number) });
    // A restarted instance (new kernel, another CACHE_ROLLOUT) starts from what is stored.
    const restarted = await instance('*=legacy');
    expect(restarted.switches.toString()).toBe('*=kernel,groq=legacy');
  });

  it('every instance reloads by itself within reloadMs', async () => {
    const a = await instance('*=kernel', 60_000);
    const b = await instance('*=kernel', 25);
    await a.switches.change('fal', 'dual', 'legacy');
    const deadline = Date.now() + 5_000; // generous bound: it takes one 25 ms tick
    while (b.switches.get('fal').mode !== 'dual' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(b.switches.get('fal')).toEqual({ mode: 'dual', readFrom: 'legacy' });
  });

  it('a change starts from what is stored, so changes made elsewhere are kept', async () => {
    const a = await instance('*=kernel');
    const b = await instance('*=kernel');
    await a.switches.change('groq', 'legacy');
    await b.switches.change('fal', 'dual'); // b has not reloaded since a's change
    await a.switches.reload();
    for (const s of [a.switches, b.switches]) expect(s.toString()).toBe('*=kernel,fal=dual:kernel,groq=legacy');
  });

  it('changes made on two instances at the same moment are all kept (compare-and-set)', async () => {
    const a = await instance('*=kernel');
    const b = await instance('*=kernel');
    const providers = ['groq', 'fal', 'xai', 'near', 'together', 'openrouter', 'mistral', 'cohere'];
    const results = await Promise.all(
      providers.map((provider, i) => (i % 2 ? a : b).switches.change(provider, i % 3 ? 'legacy' : 'dual')),
    );
    expect(results.every((r) => r.stored)).toBe(true);
    await Promise.all([a.switches.reload(), b.switches.reload()]);
    const expected = RolloutSwitches.parse('*=kernel');
    providers.forEach((provider, i) => expected.set(provider, i % 3 ? 'legacy' : 'dual'));
    for (const s of [a.switches, b.switches]) expect(s.toString()).toBe(expected.toString());
  });

  it('replace() sets everything, reset() sends every instance back to its own CACHE_ROLLOUT', async () => {
    const a = await instance('*=kernel');
    const b = await instance('groq=dual:legacy,*=kernel');
    await a.switches.replace('*=legacy');
    await b.switches.reload();
    expect(b.switches.toString()).toBe('*=legacy');
    await expect(a.switches.replace('*=fast')).rejects.toThrow(RolloutConfigError);
    expect(a.switches.toString()).toBe('*=legacy');
    expect(await a.switches.reset()).toEqual({ stored: true });
    expect(a.switches.toString()).toBe('*=kernel');
    expect(await b.switches.reload()).toBe('applied');
    expect(b.switches.toString()).toBe('*=kernel,groq=dual:legacy');
    expect(b.switches.snapshot().source.from).toBe('config');
  });

  it('a stored document this version cannot read leaves the switches in force', async () => {
    const errors: string[] = [];
    const kernel = new CacheKernel({ store: new TieredStore(shared) });
    const switches = RolloutSwitches.parse('*=kernel');
    await switches.share(kernel, { reloadMs: 60_000, onError: (_, operation) => errors.push(operation) });
    started.push(switches);
    await shared.setDocument(ROLLOUT_DOCUMENT, JSON.stringify({ rollout: 'groq=warp', updatedAt: 1, by: 'x' }));
    expect(await switches.reload()).toBe('skipped');
    expect(switches.toString()).toBe('*=kernel');
    expect(errors).toEqual(['read']);
    await expect(switches.share(kernel)).rejects.toThrow(/shared already/);
  });
});
