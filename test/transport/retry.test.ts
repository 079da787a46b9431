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

	test.each([
		['seconds with a fraction', '1.5', 1500],
		['a fraction of a millisecond, rounded up', '0.0001', 1],
		['spaces around it', ' 7 ', 7000],
		['a header sent twice, joined by a comma: the first value', '1, 2', 1000],
		['the same with a fraction', '2.5,30', 2500],
		['zero', '0', 0],
	])('Retry-After as seconds: %s (%j)', (_, value, ms) => {
		expect(parseRetryAfter(value, now)).toBe(ms);
	});

	test.each([
		['IMF-fixdate', 'Tue, 02 Jan 2024 03:04:15 GMT', 10_000],
		['the obsolete RFC 850 form, its two-digit year in this century', 'Tuesday, 02-Jan-24 03:04:15 GMT', 10_000],
		['the obsolete asctime form, its day padded with a space', 'Tue Jan  2 03:04:15 2024', 10_000],
		['a leap second', 'Tue, 02 Jan 2024 03:04:60 GMT', 54_000],
		['a date in the past', 'Sun, 06 Nov 1994 08:49:37 GMT', 0],
	])('Retry-After as an HTTP date: %s', (_, value, ms) => {
		expect(parseRetryAfter(value, now)).toBe(ms);
	});

	test('an RFC 850 year more than 50 years ahead is the latest past year ending in those digits', () => {
		const soon = Date.parse('2074-01-02T03:04:15Z');
		expect(parseRetryAfter('Wednesday, 02-Jan-75 03:04:15 GMT', now)).toBe(0);
		expect(parseRetryAfter('Tuesday, 02-Jan-74 03:04:15 GMT', now)).toBe(soon - now);
	});

	test.each([
		['a decimal number that Date.parse reads as a day in 2001', '1.5 s'],
		['a negative number', '-1'],
		['a number in another notation', '1e3'],
		['an ISO date', '2024-01-02T03:04:15Z'],
		['a date in no HTTP form', 'January 2, 2024 03:04:15'],
		['an HTTP date in another zone', 'Tue, 02 Jan 2024 03:04:15 CET'],
		['a day the month does not have', 'Wed, 31 Apr 2024 03:04:15 GMT'],
		['an hour past 23', 'Tue, 02 Jan 2024 24:04:15 GMT'],
		['a lower-case month', 'Tue, 02 jan 2024 03:04:15 GMT'],
		['two dates joined by a comma', 'Tue, 02 Jan 2024 03:04:15 GMT, Tue, 02 Jan 2024 03:04:20 GMT'],
		['words, then a number', 'soon, 2'],
		['blank', '  '],
	])('unreadable Retry-After, ignored: %s (%j)', (_, value) => {
		expect(parseRetryAfter(value, now)).toBeUndefined();
	});

	// Full jitter, base 1 s, doubling per retry; this node caps at 30 s.
	test('full jitter under a ceiling of 1 s doubling per retry up to 30 s, and never sooner than Retry-After', () => {
		expect(backoffDelay(1, undefined, () => 0.999)).toBe(999);
		expect(backoffDelay(3, undefined, () => 0.999)).toBe(3996);
		expect(backoffDelay(3, undefined, () => 0)).toBe(0);
		expect(backoffDelay(6, undefined, () => 0.999)).toBe(29_970);
		expect(backoffDelay(30, undefined, () => 0.5)).toBe(15_000);
		expect(backoffDelay(1, 5000, () => 0.5)).toBe(5000);
	});
});
