import { wait } from './wait';
import { DEFAULT_MAX_RETRIES } from './retry';

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Spaces requests evenly so that no more than `perSecond` start in any second. */
export class RequestRateLimiter {
	private nextSlot = 0;

	constructor(private readonly perSecond: number) {}

	/** Resolves when the caller may send; slots are handed out in call order. */
	async acquire(): Promise<void> {
		const now = Date.now();
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + 1000 / this.perSecond;
		await wait(slot - now);
	}
}

/** How the requests of one execution are sent: the node's Request Options. */
export interface RequestPolicy {
	timeoutMs: number;
	maxRetries: number;
	/** Absent when there is no cap. */
	rateLimiter?: RequestRateLimiter;
}

export const DEFAULT_REQUEST_POLICY: RequestPolicy = { timeoutMs: DEFAULT_TIMEOUT_MS, maxRetries: DEFAULT_MAX_RETRIES };

/*
 * Keyed by the execution's own context object: an entry lives exactly as long as that execute() call's context, so
 * nothing is shared between executions (queue mode runs many on one worker) and nothing needs cleaning up.
 */
const policies = new WeakMap<object, RequestPolicy>();

export function setRequestPolicy(context: object, policy: RequestPolicy): void {
	policies.set(context, policy);
}

/** The policy the router set for this execution; the defaults elsewhere (list searches, credential tests). */
export function requestPolicy(context: object): RequestPolicy {
	return policies.get(context) ?? DEFAULT_REQUEST_POLICY;
}
