import type { Clock } from '../../nodes/HuaweiCloudVpc/transport/clock';

export interface InstantClock extends Clock {
	/** Every wait asked for, in ms, in order. */
	readonly waits: number[];
}

/**
 * A clock whose waits take no time and are recorded; a wait in a cancelled execution fails at once, as n8n's does.
 * Its time starts now and moves only by those waits, so that what the node decides by the clock (retry budgets,
 * rate limits, how long a note serves) does not depend on how fast the machine runs the test.
 */
export function instantClock(): InstantClock {
	const waits: number[] = [];
	let now = Date.now();
	return {
		waits,
		now: () => now,
		sleep: async (ms, signal) => {
			if (signal?.aborted) throw new Error('The execution was cancelled');
			waits.push(ms);
			now += ms;
		},
	};
}

/**
 * A clock that stands still unless the test moves it, and records its waits: rate-limit slots come out exact, and a
 * note of what exists serves every item until the test moves the clock past it.
 */
export function stoppedClock(): Clock & { waits: number[]; move(ms: number): void } {
	const waits: number[] = [];
	let now = Date.parse('2024-01-02T03:04:05Z');
	return { waits, now: () => now, sleep: async (ms) => void waits.push(ms), move: (ms) => void (now += ms) };
}
