/** The retry classification, backoff and Retry-After rules, the item runner and the rate limiter, on their own. */
import { runItems } from '../../nodes/HuaweiCloudVpc/actions/itemRunner';
import {
	backoffDelay,
	classifyNetworkFailure,
	classifyStatus,
	parseRetryAfter,
} from '../../nodes/HuaweiCloudVpc/transport/retry';
import { RequestRateLimiter } from '../../nodes/HuaweiCloudVpc/transport/policy';

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

describe('items in flight', () => {
	const settle = () => new Promise((resolve) => setImmediate(resolve));

	test('at most N at once, results in item order whatever order they finish in', async () => {
		let inFlight = 0;
		let most = 0;
		const results = await runItems(20, 4, async (index) => {
			most = Math.max(most, ++inFlight);
			for (let turn = 0; turn < 20 - index; turn++) await settle();
			inFlight--;
			return index * 10;
		});
		expect(most).toBe(4);
		expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index * 10));
	});

	test('after a failure no further item starts, and the lowest failing item is thrown', async () => {
		const started: number[] = [];
		const run = runItems(20, 3, async (index) => {
			started.push(index);
			for (let turn = 0; turn < (index === 2 ? 5 : 1); turn++) await settle();
			if (index === 2 || index === 3) throw new Error(`item ${index}`);
			return index;
		});
		await expect(run).rejects.toThrow('item 2');
		expect(Math.max(...started)).toBeLessThan(6);
	});

	test('one at a time is the plain sequential loop', async () => {
		const order: string[] = [];
		await runItems(3, 1, async (index) => {
			order.push(`start ${index}`);
			await settle();
			order.push(`end ${index}`);
		});
		expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
	});
});

test('the rate limiter books slots 1/rate apart in call order, and a late caller goes at once', () => {
	const limiter = new RequestRateLimiter(50);
	const now = Date.parse('2024-01-02T03:04:05Z');
	expect(Array.from({ length: 5 }, () => limiter.delayFor(now))).toEqual([0, 20, 40, 60, 80]);
	// 10 ms later, the next free slot is 100 ms after `now`.
	expect(limiter.delayFor(now + 10)).toBe(90);
	expect(limiter.delayFor(now + 1000)).toBe(0);
	expect(limiter.delayFor(now + 1000)).toBe(20);
});
