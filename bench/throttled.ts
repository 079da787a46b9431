/**
 * Throttled: creates through the node against an emulator that accepts only LIMIT requests per second (429
 * APIGW.0308 beyond), with the node's own rate option set to the same LIMIT. Continue On Fail is on, so every
 * failure is counted rather than stopping the run.
 */
import './built-node';
import { n8nClock } from '../nodes/HuaweiCloudVpc/transport/clock';
import { runNode } from '../test/helpers/engine';
import type { BenchEmulator } from './emulator';
import { optionParameters, type NodeOption } from './node-options';
import { createParameters } from './workload';

export const THROTTLED_CREATES = 1_000;
export const RATE_LIMIT = 100;
/** Enough in flight that the rate option, not the round trip, sets the pace. */
export const THROTTLED_IN_FLIGHT = 8;

export interface ThrottledResult {
	succeeded: number;
	failed: number;
	/** 429 answers the emulator gave (retried ones included). */
	throttledAnswers: number;
	seconds: number;
	/** Succeeded creates per second. */
	createsPerSecond: number;
	/** All the node's requests per second (creates and the lists a create makes): what the limit counts. */
	requestsPerSecond: number;
}

export async function measureThrottled(
	emulator: BenchEmulator,
	filterId: string,
	rateOption: NodeOption,
	concurrencyOption: NodeOption | undefined,
): Promise<ThrottledResult> {
	const options = optionParameters([
		[rateOption, RATE_LIMIT],
		[concurrencyOption, THROTTLED_IN_FLIGHT],
	]);
	await emulator.setFaults({ rateLimit: RATE_LIMIT });
	try {
		const before = await emulator.counters();
		const start = performance.now();
		const result = await runNode({
			parameters: createParameters(filterId, options),
			credentials: emulator.credentials,
			items: Array.from({ length: THROTTLED_CREATES }, () => ({})),
			settings: { onError: 'continueRegularOutput' },
			// The limiter's waits and the emulator's throttling window are both real time.
			clock: n8nClock,
		});
		const seconds = (performance.now() - start) / 1000;
		if (result.error) throw result.error;
		const succeeded = result.items.filter((item) => item.json.id !== undefined).length;
		const after = await emulator.counters();
		return {
			succeeded,
			failed: THROTTLED_CREATES - succeeded,
			throttledAnswers: after.faults.throttled - before.faults.throttled,
			seconds,
			createsPerSecond: succeeded / seconds,
			requestsPerSecond: (after.requests.total - before.requests.total) / seconds,
		};
	} finally {
		await emulator.setFaults({ rateLimit: 0 });
	}
}
