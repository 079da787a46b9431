/** transport/policy.ts: the rate limiter's slots. */
import { RequestRateLimiter } from '../../nodes/HuaweiCloudVpc/transport/policy';

test('the rate limiter books slots 1/rate apart in call order, and a late caller goes at once', () => {
	const limiter = new RequestRateLimiter(50);
	const now = Date.parse('2024-01-02T03:04:05Z');
	expect(Array.from({ length: 5 }, () => limiter.delayFor(now))).toEqual([0, 20, 40, 60, 80]);
	// 10 ms later, the next free slot is 100 ms after `now`.
	expect(limiter.delayFor(now + 10)).toBe(90);
	expect(limiter.delayFor(now + 1000)).toBe(0);
	expect(limiter.delayFor(now + 1000)).toBe(20);
});
