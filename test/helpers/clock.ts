import type { Clock } from '../../nodes/HuaweiCloudVpc/transport/clock';

export interface InstantClock extends Clock {
	/** Every wait asked for, in ms, in order. */
	readonly waits: number[];
}

/** A clock whose waits take no time and are recorded; a wait in a cancelled execution fails at once, as n8n's does. */
export function instantClock(): InstantClock {
	const waits: number[] = [];
	return {
		waits,
		now: () => Date.now(),
		sleep: async (ms, signal) => {
			if (signal?.aborted) throw new Error('The execution was cancelled');
			waits.push(ms);
		},
	};
}
