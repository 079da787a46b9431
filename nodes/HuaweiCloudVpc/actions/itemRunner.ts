export interface RunItemsOptions {
	/**
	 * Items with the same key never run at the same time: the later one starts once the earlier one has settled, as
	 * one at a time would have it. Items without a key (undefined) are not held back.
	 */
	exclusiveKey?: (itemIndex: number) => string | undefined;
	/** Once true, no further item starts. */
	cancelled?: () => boolean;
}

/**
 * Runs `task` for items 0 … count-1 with at most `concurrency` in flight, and returns the results in item order.
 * Items start in item order, except that an item waits while an earlier one with its exclusive key runs, and the
 * free slot goes to the next item that may start. After a failure, or once cancelled, no further item starts; once
 * the items in flight have settled, the failure of the lowest item is thrown, as a one-at-a-time loop would have
 * thrown it. A cancelled run that leaves items unrun ends with `whenCancelled()`'s error, given the unrun items in
 * ascending order (not always the last ones: an item held back by its exclusive key may be unrun after later ones ran).
 */
export async function runItems<T>(
	count: number,
	concurrency: number,
	task: (itemIndex: number) => Promise<T>,
	{ exclusiveKey = () => undefined, cancelled = () => false }: RunItemsOptions = {},
	whenCancelled: (unrun: number[]) => Error = (unrun) => new Error(`Cancelled; not run: ${unrun.join(', ')}`),
): Promise<T[]> {
	const results: T[] = new Array<T>(count);
	const failures = new Map<number, unknown>();
	const waiting = Array.from({ length: count }, (_, itemIndex) => itemIndex);
	const keys = new Map<number, string | undefined>();
	const keyOf = (itemIndex: number) => {
		if (!keys.has(itemIndex)) keys.set(itemIndex, exclusiveKey(itemIndex));
		return keys.get(itemIndex);
	};
	const busyKeys = new Set<string>();
	const running = new Set<Promise<void>>();
	const start = (itemIndex: number) => {
		const key = keyOf(itemIndex);
		if (key !== undefined) busyKeys.add(key);
		const run: Promise<void> = task(itemIndex)
			.then(
				(result) => {
					results[itemIndex] = result;
				},
				(error: unknown) => {
					failures.set(itemIndex, error);
				},
			)
			.finally(() => {
				if (key !== undefined) busyKeys.delete(key);
				running.delete(run);
			});
		running.add(run);
	};
	for (;;) {
		while (running.size < concurrency && failures.size === 0 && !cancelled()) {
			const position = waiting.findIndex((itemIndex) => {
				const key = keyOf(itemIndex);
				return key === undefined || !busyKeys.has(key);
			});
			if (position < 0) break;
			start(waiting.splice(position, 1)[0]);
		}
		if (running.size === 0) break;
		await Promise.race(running);
	}
	if (failures.size > 0) throw failures.get(Math.min(...failures.keys()));
	if (waiting.length > 0) throw whenCancelled(waiting);
	return results;
}
