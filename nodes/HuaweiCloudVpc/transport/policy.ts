import { DEFAULT_MAX_RETRIES } from './retry';

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Spaces requests evenly so that no more than `perSecond` start in any second. It only books slots; the transport
 * does the waiting, with its clock.
 */
export class RequestRateLimiter {
	private nextSlot = 0;

	constructor(private readonly perSecond: number) {}

	/** Books the next free slot and returns how long after `now` it starts; slots are handed out in call order. */
	delayFor(now: number): number {
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + 1000 / this.perSecond;
		return slot - now;
	}
}

/** How the requests of one execution are sent: the node's Request Options. */
export interface RequestPolicy {
	timeoutMs: number;
	maxRetries: number;
	/** Absent when there is no cap. Made for one execution, as its slots are that execution's. */
	rateLimiter?: RequestRateLimiter;
}

/** For list searches and load options, which have no Request Options. */
export const DEFAULT_REQUEST_POLICY: Readonly<RequestPolicy> = Object.freeze({
	timeoutMs: DEFAULT_TIMEOUT_MS,
	maxRetries: DEFAULT_MAX_RETRIES,
});
