import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './start-test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.catalog.start();
});
afterAll(() => t.close());

describe('the official openai SDK against the catalog', () => {
  it('lists every model', async () => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused' });
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      expect(model.object).toBe('model');
      expect(typeof model.created).toBe('number');
      expect(typeof model.owned_by).toBe('string');
      ids.push(model.id);
    }
    const view = await t.app.catalog.view();
    expect(ids).toHaveLength(view.models.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('anthropic/claude-3.5-sonnet');
  });

  it('retrieves a model whose id contains a slash', async () => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused' });
    const model = await client.models.retrieve('anthropic/claude-3.5-sonnet');
    expect(model).toMatchObject({ id: 'anthropic/claude-3.5-sonnet', object: 'model', owned_by: 'anthropic' });
  });

  it('retrieves a model by a dated snapshot or a routing variant, answering with its canonical id', async () => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused' });
    expect(await client.models.retrieve('claude-3-5-sonnet-20241022')).toMatchObject({
      id: 'anthropic/claude-3.5-sonnet',
      owned_by: 'anthropic',
    });
    expect((await client.models.retrieve('meta-llama/llama-3.3-70b-instruct:free')).id).toBe(
      'meta-llama/llama-3.3-70b-instruct',
    );
  });

  it('answers 404 in the OpenAI error shape for an unknown model', async () => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    await expect(client.models.retrieve('no/such-model')).rejects.toMatchObject({ status: 404 });
  });
});
