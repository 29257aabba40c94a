import { describe, expect, it } from 'vitest';
import { capabilitiesFromFeatures } from './capabilities-from-features.ts';

describe('capabilitiesFromFeatures', () => {
  it('reads every spelling upstreams use', () => {
    expect(capabilitiesFromFeatures(['function-calling', 'structured-outputs', 'reasoning'])).toEqual({
      tools: true,
      structuredOutput: true,
      reasoning: true,
      vision: false,
    });
    expect(capabilitiesFromFeatures(['tools', 'json_mode'])).toEqual({
      tools: true,
      structuredOutput: true,
      reasoning: false,
      vision: false,
    });
    expect(capabilitiesFromFeatures(['max_tokens', 'response_format', 'include_reasoning'])).toMatchObject({
      structuredOutput: true,
      reasoning: true,
    });
    expect(capabilitiesFromFeatures(['Tool-Use', 'thinking'])).toMatchObject({ tools: true, reasoning: true });
  });

  it('takes vision from image input too', () => {
    expect(capabilitiesFromFeatures([], ['text', 'image'])?.vision).toBe(true);
    expect(capabilitiesFromFeatures(['vision'])?.vision).toBe(true);
  });

  it('is undefined without a list: unknown is not none', () => {
    expect(capabilitiesFromFeatures(undefined)).toBeUndefined();
    expect(capabilitiesFromFeatures(null, ['image'])).toBeUndefined();
  });
});
