import { describe, expect, it } from 'vitest';
import { BAD_MARK, brokenCopies, CONTROL_MARK, getPath } from './broken-entries.ts';

const entry = {
  id: 'meta-llama/llama-3.3-70b-instruct',
  context_length: 131072,
  providers: [{ provider: 'nebius', pricing: { input: 0.13, output: '0.4' } }],
};

describe('brokenCopies', () => {
  it('makes an intact control and one copy per broken field, each with its own id', () => {
    const { control, broken } = brokenCopies(entry, {
      id: 'id',
      contextLength: 'context_length',
      price: 'providers.0.pricing.input',
    });
    expect(control).toEqual({ ...entry, id: `${entry.id}${CONTROL_MARK}` });
    expect(broken.map((b) => b.defect)).toEqual(['context length of the wrong type', 'negative price', 'missing id']);
    const [context, price, missing] = broken;
    expect(context!.entry).toMatchObject({ id: `${entry.id}${BAD_MARK}context`, context_length: '131072 tokens' });
    expect(price!.entry.id).toBe(`${entry.id}${BAD_MARK}price`);
    expect(getPath(price!.entry, 'providers.0.pricing.input')).toBe(-0.13);
    expect(getPath(price!.entry, 'providers.0.pricing.output')).toBe('0.4');
    expect(missing!.entry).not.toHaveProperty('id');
    expect(missing!.entry.context_length).toBe(131072);
    expect(entry.context_length).toBe(131072); // the source is not modified
  });

  it('keeps the type of a string price, removes every id field, and skips fields not configured', () => {
    const { broken } = brokenCopies(
      { Token: 'a', name: 'A', pricing: { prompt: '0' } },
      { id: ['Token', 'name'], price: 'pricing.prompt' },
    );
    expect(getPath(broken[0]!.entry, 'pricing.prompt')).toBe('-0.5');
    expect(broken[1]!.entry).toEqual({ pricing: { prompt: '0' } });
  });

  it('says clearly when the configured fields are not in the entry', () => {
    expect(() => brokenCopies({ id: 'a' }, { id: 'id', price: 'pricing.prompt' })).toThrow(
      'the entry to break has no value at pricing.prompt',
    );
    expect(() => brokenCopies({ name: 'a' }, { id: 'id' })).toThrow('the entry has no string id at id');
    expect(() => brokenCopies(null, { id: 'id' })).toThrow(/not an object/);
  });
});
