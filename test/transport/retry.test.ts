/** transport/retry.ts on its own: which failures are retried, and after how long. */
import {
	backoffDelay,
	classifyNetworkFailure,
	classifyStatus,
	parseRetryAfter,
} from '../../nodes/HuaweiCloudVpc/transport/retry';

describe('which failures are retried', () => {
	test.each([
		[429, true, 'no'],
		[502, true, 'maybe'],
		[503, true, 'maybe'],
		[504, true, 'maybe'],
		[500, false, 'maybe'],
		[400, false, 'no'],
		[401, false, 'no'],
		[403, false, 'no'],
		[404, false, 'no'],
		[409, false, 'no'],
	])('HTTP %i: retryable %s, processed %s', (status, retryable, processed) => {
		expect(classifyStatus(status)).toMatchObject({ retryable, processed });
	});

	test.each([
		['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1', true, 'no', false],
		['ECONNRESET', 'socket hang up', true, 'maybe', false],
		[undefined, 'socket hang up', true, 'maybe', false],
		['ECONNABORTED', 'The connection was aborted\ntimeout of 200ms exceeded', true, 'maybe', true],
		['ETIMEDOUT', 'connect ETIMEDOUT', true, 'maybe', true],
		['ENOTFOUND', 'getaddrinfo ENOTFOUND vpc.example', false, 'no', false],
		[undefined, 'The custom endpoint must use https', false, 'no', false],
	])('%s "%s": retryable %s, processed %s, timed out %s', (code, message, retryable, processed, timedOut) => {
		expect(classifyNetworkFailure(code, message)).toEqual({ retryable, processed, timedOut });
	});
});

describe('how long to wait', () => {
	const now = Date.parse('2024-01-02T03:04:05Z');

	test('Retry-After in seconds or as an HTTP date; unreadable is ignored', () => {
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('Tue, 02 Jan 2024 03:04:15 GMT', now)).toBe(10_000);
		expect(parseRetryAfter('Tue, 02 Jan 2024 03:04:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(classifyStatus(429, '2', now).retryAfterMs).toBe(2000);
	});

	// Spec §10: full jitter, base 1 s, a cap of 30 to 60 s; this node caps at 30 s.
	test('full jitter under a ceiling of 1 s doubling per retry up to 30 s, and never sooner than Retry-After', () => {
		expect(backoffDelay(1, undefined, () => 0.999)).toBe(999);
		expect(backoffDelay(3, undefined, () => 0.999)).toBe(3996);
		expect(backoffDelay(3, undefined, () => 0)).toBe(0);
		expect(backoffDelay(6, undefined, () => 0.999)).toBe(29_970);
		expect(backoffDelay(30, undefined, () => 0.5)).toBe(15_000);
		expect(backoffDelay(1, 5000, () => 0.5)).toBe(5000);
	});
});
