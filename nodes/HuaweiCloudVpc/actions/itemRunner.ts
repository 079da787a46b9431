/**
 * Runs `task` for items 0 … count-1 with at most `concurrency` in flight, and returns the results in item order.
 * After a failure no further item starts; once the items in flight have settled, the failure of the lowest item
 * is thrown, as a one-at-a-time loop would have thrown it.
 */
export async function runItems<T>(
	count: number,
	concurrency: number,
	task: (itemIndex: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = new Array<T>(count);
	const failures = new Map<number, unknown>();
	let next = 0;
	const worker = async () => {
		while (next < count && failures.size === 0) {
			const itemIndex = next++;
			try {
				results[itemIndex] = await task(itemIndex);
			} catch (error) {
				failures.set(itemIndex, error);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	if (failures.size > 0) throw failures.get(Math.min(...failures.keys()));
	return results;
}
