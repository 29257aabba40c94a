import { describe, expect, it } from 'vitest';
import { metricSum, parsePrometheusText } from './prometheus-text.ts';

const TEXT = `# HELP provider_fetch_errors_total Failed upstream fetches by reason
# TYPE provider_fetch_errors_total counter
provider_fetch_errors_total{provider="groq",reason="timeout"} 2
provider_fetch_errors_total{provider="groq",reason="http_503"} 1
provider_fetch_errors_total{provider="openai",reason="timeout"} 4

redis_connection_errors_total 3
odd{label="with \\"quote\\" and \\\\ slash"} 1.5 1700000000000
`;

describe('parsePrometheusText', () => {
  it('reads names, labels (escapes included) and values', () => {
    const samples = parsePrometheusText(TEXT);
    expect(samples).toHaveLength(5);
    expect(samples[4]).toEqual({ name: 'odd', labels: { label: 'with "quote" and \\ slash' }, value: 1.5 });
    expect(samples[3]).toEqual({ name: 'redis_connection_errors_total', labels: {}, value: 3 });
  });

  it('sums the samples matching a label subset', () => {
    const samples = parsePrometheusText(TEXT);
    expect(metricSum(samples, 'provider_fetch_errors_total', { provider: 'groq' })).toBe(3);
    expect(metricSum(samples, 'provider_fetch_errors_total', { reason: 'timeout' })).toBe(6);
    expect(metricSum(samples, 'provider_fetch_errors_total', { provider: 'near' })).toBe(0);
    expect(metricSum(samples, 'redis_connection_errors_total')).toBe(3);
  });

  it('refuses a line that is not a sample', () => {
    expect(() => parsePrometheusText('what is this')).toThrow(SyntaxError);
  });
});
