import { describe, expect, it } from 'vitest';
import { contextLabel, percent, perMillion, perMillionToPerToken, relativeAge } from './format.js';

describe('page formatting', () => {
  it('shows per-token prices per million tokens', () => {
    expect(perMillion('0.000003')).toBe('$3.00');
    expect(perMillion('0.00000015')).toBe('$0.15');
    expect(perMillion('0.00015')).toBe('$150');
    expect(perMillion('0.000000002')).toBe('$0.002');
    expect(perMillion('0')).toBe('free');
    expect(perMillion(undefined)).toBe('—');
  });

  it('turns a typed per-million amount into an exact per-token decimal', () => {
    expect(perMillionToPerToken('3')).toBe('0.000003');
    expect(perMillionToPerToken('0.15')).toBe('0.00000015');
    expect(perMillionToPerToken('12.5')).toBe('0.0000125');
    expect(perMillionToPerToken('0')).toBe('0');
    expect(perMillionToPerToken('abc')).toBeUndefined();
    expect(perMillionToPerToken('-1')).toBeUndefined();
  });

  it('labels context sizes', () => {
    expect(contextLabel(131072)).toBe('128K');
    expect(contextLabel(200000)).toBe('200K');
    expect(contextLabel(1048576)).toBe('1M');
    expect(contextLabel(2000000)).toBe('2M');
    expect(contextLabel(512)).toBe('512');
    expect(contextLabel(undefined)).toBe('—');
  });

  it('labels ages and rates', () => {
    expect(relativeAge(10_000)).toBe('just now');
    expect(relativeAge(3 * 60_000)).toBe('3 min ago');
    expect(relativeAge(2 * 3_600_000)).toBe('2 h ago');
    expect(relativeAge(4 * 86_400_000)).toBe('4 d ago');
    expect(percent(0.973)).toBe('97%');
    expect(percent(undefined)).toBe('—');
  });
});
