import { CacheKernel } from '@catalog/cache-kernel';
import { z } from 'zod';
import { summarize } from './stats.ts';

/**
 * Scenario 1: a kernel read of a value held in memory against `await map.get(key)`, in the same
 * process, for a 400-model catalog and a 200-byte value. Rounds interleave the two so machine
 * noise hits both alike.
 */
export async function kernelReadScenario(options: { iterations: number; rounds: number }) {
  const catalog = Array.from({ length: 400 }, (_, i) => ({
    id: `provider-${i % 9}/model-${i}-instruct`,
    provider: 'openrouter',
    canonicalId: `provider-${i % 9}/model-${i}-instruct`,
    name: `Model ${i}`,
    contextLength: 131072,
    pricing: { prompt: '0.00000012', completion: '0.0000003' },
    inputModalities: ['text'],
    outputModalities: ['text'],
  }));
  const small = { id: 'x'.repeat(180) };
  const results: { value: string; kernelNs: number[]; mapNs: number[] }[] = [];
  for (const [name, value] of [
    ['400-model catalog (~128 KB JSON)', catalog],
    ['200-byte value', small],
  ] as const) {
    const kernel = new CacheKernel();
    kernel.register('k', {
      schema: z.unknown(),
      fetch: async () => value,
      policy: { guard: { rejectEmpty: false, maxShrinkRatio: 1 } },
    });
    await kernel.get('k');
    const map = new Map([['k', value]]);
    const kernelNs: number[] = [];
    const mapNs: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      let t = process.hrtime.bigint();
      for (let i = 0; i < options.iterations; i++) await map.get('k');
      mapNs.push(Number(process.hrtime.bigint() - t) / options.iterations);
      t = process.hrtime.bigint();
      for (let i = 0; i < options.iterations; i++) await kernel.get('k');
      kernelNs.push(Number(process.hrtime.bigint() - t) / options.iterations);
    }
    const same = (await kernel.get('k')).value === value;
    if (!same) throw new Error('the kernel copied the value');
    await kernel.close();
    results.push({ value: name, kernelNs, mapNs });
  }
  return results.map((r) => ({ ...r, kernel: summarize(r.kernelNs), map: summarize(r.mapNs) }));
}
