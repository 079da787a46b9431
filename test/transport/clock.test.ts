/** n8n's clock as the transport uses it: waits end when the execution is cancelled, and leave nothing behind. */
import { getEventListeners } from 'node:events';

import { n8nClock, ServiceClock } from '../../nodes/HuaweiCloudVpc/transport/clock';

test('a wait in a cancelled execution ends at once with n8n\'s cancellation error', async () => {
	const execution = new AbortController();
	const waiting = n8nClock.sleep(600_000, execution.signal);
	execution.abort();
	await expect(waiting).rejects.toThrow(expect.objectContaining({ name: 'ManualExecutionCancelledError' }));
	await expect(n8nClock.sleep(600_000, execution.signal)).rejects.toThrow();
});

test('waits that ran their course leave no listener on the execution\'s cancel signal', async () => {
	const execution = new AbortController();
	for (let wait = 0; wait < 20; wait++) await n8nClock.sleep(1, execution.signal);
	expect(getEventListeners(execution.signal, 'abort')).toHaveLength(0);
});

describe("the service's clock, from its answers' Date headers", () => {
	test('is unknown before a dated answer, and ignores a Date that cannot be read', () => {
		const clock = new ServiceClock();
		clock.observe(undefined, 1000);
		clock.observe('yesterday-ish', 1000);
		expect(clock.atLeast(5000)).toBeUndefined();
	});

	test('turns this machine\'s time into the service\'s by the latest answer, never later than the service\'s', () => {
		const clock = new ServiceClock();
		const received = Date.parse('2024-01-02T03:04:05.900Z');
		// The service wrote the answer at 03:04:10.5 by its clock, which the header gives in whole seconds.
		clock.observe('Tue, 02 Jan 2024 03:04:10 GMT', received);
		expect(clock.atLeast(received)).toBe(Date.parse('2024-01-02T03:04:10Z'));
		// The machine's clock was then set back by a minute: the latest answer counts.
		clock.observe('Tue, 02 Jan 2024 03:04:11 GMT', received - 60_000);
		expect(clock.atLeast(received - 60_000)).toBe(Date.parse('2024-01-02T03:04:11Z'));
	});
});
