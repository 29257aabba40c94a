import { describe, expect, it } from 'vitest';
import type { LoadSample } from './load-loop.ts';
import { ANSWER_BOUND_MS, judgeLoad } from './run-scenario.ts';

const ok = (startedAt: number, ms = 5): LoadSample => ({ path: '/v1/models', startedAt, ms, status: 200 });

describe('judgeLoad', () => {
  it('passes answered, fast, complete requests and reports their figures', () => {
    const { problems, figures } = judgeLoad([ok(0, 3), ok(10, 7), ok(20, 5)], []);
    expect(problems).toEqual([]);
    expect(figures).toEqual({ requests: 3, p99Ms: 7, maxMs: 7 });
  });

  it('reports 5xx, connection errors, slow answers and lost data', () => {
    const { problems } = judgeLoad(
      [
        ok(0),
        { path: '/v1/models', startedAt: 1, ms: 2, status: 503 },
        { path: '/v1/models', startedAt: 2, ms: 1, error: 'ECONNREFUSED' },
        ok(3, ANSWER_BOUND_MS + 1),
        { ...ok(4), lost: '2 ids missing, e.g. a' },
      ],
      [],
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/2 of 5 catalog GETs not answered 200: 1× status 503, 1× ECONNREFUSED/);
    expect(problems[1]).toMatch(/1 catalog GETs took over/);
    expect(problems[2]).toMatch(/1 answers lost data .*2 ids missing/);
  });

  it('does not judge requests sent during an outage, and for a crash neither those in flight when it began', () => {
    const refused: LoadSample = { path: '/v1/models', startedAt: 105, ms: 1, error: 'ECONNREFUSED' };
    const inFlightAtCrash: LoadSample = { path: '/v1/models', startedAt: 95, ms: 10, error: 'ECONNRESET' };
    const drain = judgeLoad([ok(0), inFlightAtCrash, refused, ok(300)], [{ from: 100, to: 200, dropsInFlight: false }]);
    expect(drain.problems).toEqual([expect.stringMatching(/1 of 3 catalog GETs not answered 200: 1× ECONNRESET/)]);
    expect(drain.figures.requestsInOutage).toBe(1);
    const crash = judgeLoad([ok(0), inFlightAtCrash, refused, ok(300)], [{ from: 100, to: 200, dropsInFlight: true }]);
    expect(crash.problems).toEqual([]);
    expect(crash.figures.requestsInOutage).toBe(2);
  });

  it('fails a run with nothing judged', () => {
    expect(judgeLoad([], []).problems).toEqual(['the load loop sent no request outside the outage windows']);
  });
});
