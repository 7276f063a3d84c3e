import { describe, expect, it } from 'vitest';
import { fieldOf, fromErrorReply, fromFetchFailure } from './errors.js';

const URL = 'http://127.0.0.1:9090';

describe('fromFetchFailure', () => {
  it('is UNAVAILABLE naming the URL, the system error and PROMETHEUS_URL', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9090'), { code: 'ECONNREFUSED' });
    const err = fromFetchFailure(URL, 1000, new TypeError('fetch failed', { cause: refused }));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toBe(
      `Prometheus at ${URL} is unreachable: connect ECONNREFUSED 127.0.0.1:9090; check PROMETHEUS_URL`,
    );
  });

  it('finds the code inside an AggregateError cause', () => {
    const inner = Object.assign(new Error('connect ENETUNREACH'), { code: 'ENETUNREACH' });
    const cause = Object.assign(new AggregateError([inner], ''), { errors: [inner] });
    const err = fromFetchFailure(URL, 1000, new TypeError('fetch failed', { cause }));
    expect(err.message).toMatch(/unreachable: ENETUNREACH/);
  });

  it('is TIMEOUT when our timeout aborted the request', () => {
    const err = fromFetchFailure(
      URL,
      1500,
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    );
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toMatch(/did not answer within 1500 ms/);
  });
});

describe('fromErrorReply', () => {
  it('is INVALID_REQUEST naming promql for bad_data, with Prometheus words', () => {
    const error = 'invalid parameter "query": 1:5: parse error: unexpected end of input';
    const err = fromErrorReply(URL, 400, { status: 'error', errorType: 'bad_data', error }, '');
    expect(err.code).toBe('INVALID_REQUEST');
    expect(err.message).toBe(`invalid field \`promql\`: Prometheus refused the query: ${error}`);
    expect(err.details).toMatchObject({ field: 'promql' });
  });

  it('is INVALID_REQUEST for an execution error (422)', () => {
    const err = fromErrorReply(
      URL,
      422,
      { status: 'error', errorType: 'execution', error: 'many-to-many' },
      '',
    );
    expect(err).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'promql' } });
  });

  it('is TIMEOUT when Prometheus gave up evaluating', () => {
    const err = fromErrorReply(
      URL,
      503,
      { status: 'error', errorType: 'timeout', error: 'query timed out' },
      '',
    );
    expect(err.code).toBe('TIMEOUT');
  });

  it('is UNAVAILABLE for a 5xx or an answer that is not Prometheus JSON', () => {
    expect(fromErrorReply(URL, 502, undefined, '<html>Bad Gateway</html>')).toMatchObject({
      code: 'UNAVAILABLE',
      message: `Prometheus at ${URL} is unreachable: HTTP 502 <html>Bad Gateway</html>; check PROMETHEUS_URL`,
    });
    expect(fromErrorReply(URL, 404, undefined, '404 page not found').message).toMatch(
      /is that a Prometheus server/,
    );
  });
});

describe('fieldOf', () => {
  it('names the parameter Prometheus names', () => {
    expect(fieldOf('invalid parameter "start": cannot parse "x" to a valid timestamp')).toBe('start');
    expect(
      fieldOf('invalid parameter "step": zero or negative query resolution step widths are not accepted'),
    ).toBe('step');
    expect(
      fieldOf(
        'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
      ),
    ).toBe('step');
    expect(fieldOf('end timestamp must not be before start time')).toBe('end');
    expect(fieldOf('invalid parameter "query": 1:1: parse error: unexpected <EOF>')).toBe('promql');
    expect(fieldOf('something else')).toBe('promql');
  });
});
