import { sleep } from 'n8n-workflow';

type Pause = (ms: number) => Promise<void>;

// The node may not use timers itself; n8n-workflow's sleep is the one pause, replaceable so tests need not wait.
let pause: Pause = sleep;

/** Waits before a retry or for the next request slot. */
export async function wait(ms: number): Promise<void> {
	if (ms > 0) await pause(ms);
}

/** For tests only: makes waits instant or observable; called without an argument, restores n8n's sleep. */
export function replaceWaitForTests(replacement?: Pause): void {
	pause = replacement ?? sleep;
}
