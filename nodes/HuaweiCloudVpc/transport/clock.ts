import { sleep, sleepWithAbort } from 'n8n-workflow';

/**
 * The transport's time: what time it is, and waiting. Passed in, as the signer takes its date, so that tests run
 * retries and rate limits without waiting and without patching globals; n8n's clock is the default.
 */
export interface Clock {
	now(): number;
	/** Resolves after `ms`; rejects as soon as `signal` aborts (the execution was cancelled). */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const n8nClock: Clock = {
	now: () => Date.now(),
	sleep: sleepUnlessCancelled,
};

/**
 * n8n-workflow's sleepWithAbort leaves its listener on the signal it is given. Each wait gets a signal of its own,
 * tied to the execution's only while it lasts, so that an execution waiting a thousand times under a rate limit
 * does not pile a thousand listeners onto its cancel signal.
 */
async function sleepUnlessCancelled(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	if (signal.aborted) return await abortableSleep(ms, signal);
	const thisWait = new AbortController();
	const cancel = () => thisWait.abort(signal.reason);
	signal.addEventListener('abort', cancel, { once: true });
	try {
		await abortableSleep(ms, thisWait.signal);
	} finally {
		signal.removeEventListener('abort', cancel);
	}
}

/**
 * n8n-workflow's wait that an abort ends: sleepWithAbort in n8n 1.x and the 2.x this package is built with; n8n 2.41
 * has none, and its sleep takes the signal instead. Looked up when called, so that the node loads in every n8n.
 */
async function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
	if (typeof sleepWithAbort === 'function') return await sleepWithAbort(ms, signal);
	await (sleep as (ms: number, signal: AbortSignal) => Promise<void>)(ms, signal);
}

/**
 * The service's time, as far as its answers tell it: an answer's `Date` header (whole seconds, written before the
 * answer left) against when it arrived here gives a lower bound of how far the service's clock is ahead of this one.
 * A create whose answer was lost is judged by it: a resource it made carries a `created_at` no earlier than the
 * service's time when the create was sent (docs/reliability.md, "No duplicates, no wrong answers").
 */
export class ServiceClock {
	private aheadMs: number | undefined;

	/**
	 * Notes one answer's `Date` header, received at `receivedAt` on this machine's clock. The latest answer counts, not
	 * the tightest bound: should this machine's clock be set back or forward meanwhile, an older bound would be wrong.
	 */
	observe(dateHeader: string | undefined, receivedAt: number): void {
		const date = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
		if (!Number.isNaN(date)) this.aheadMs = date - receivedAt;
	}

	/** The service's time at least, when this machine's clock read `localMs`; undefined before any dated answer. */
	atLeast(localMs: number): number | undefined {
		return this.aheadMs === undefined ? undefined : localMs + this.aheadMs;
	}
}
