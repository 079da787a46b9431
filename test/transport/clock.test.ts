/** n8n's clock as the transport uses it: waits end when the execution is cancelled, and leave nothing behind. */
import { getEventListeners } from 'node:events';

import { n8nClock } from '../../nodes/HuaweiCloudVpc/transport/clock';

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
