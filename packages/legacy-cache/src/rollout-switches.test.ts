import { describe, expect, it } from 'vitest';
import { RolloutConfigError, RolloutSwitches } from './rollout-switches.ts';

describe('RolloutSwitches', () => {
  it('parses per-provider modes with a default and a dual read side', () => {
    const switches = RolloutSwitches.parse('openrouter=kernel, groq=dual:legacy, *=dual');
    expect(switches.get('openrouter')).toEqual({ mode: 'kernel', readFrom: 'kernel' });
    expect(switches.get('groq')).toEqual({ mode: 'dual', readFrom: 'legacy' });
    expect(switches.get('together')).toEqual({ mode: 'dual', readFrom: 'kernel' });
    expect(RolloutSwitches.parse(undefined).get('x')).toEqual({ mode: 'legacy', readFrom: 'legacy' });
  });

  it('refuses bad settings with a message that shows the format', () => {
    expect(() => RolloutSwitches.parse('openrouter=fast')).toThrow(RolloutConfigError);
    expect(() => RolloutSwitches.parse('groq=kernel:legacy')).toThrow(/only for dual/);
  });

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
    });
  });
});
