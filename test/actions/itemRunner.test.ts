/** actions/itemRunner.ts on its own: items in flight together, in item order. */
import { runItems } from '../../nodes/HuaweiCloudVpc/actions/itemRunner';

describe('items in flight', () => {
	const settle = () => new Promise((resolve) => setImmediate(resolve));

	test('at most N at once, results in item order whatever order they finish in', async () => {
		let inFlight = 0;
		let most = 0;
		const results = await runItems(20, 4, async (index) => {
			most = Math.max(most, ++inFlight);
			for (let turn = 0; turn < 20 - index; turn++) await settle();
			inFlight--;
			return index * 10;
		});
		expect(most).toBe(4);
		expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index * 10));
	});

	test('after a failure no further item starts, and the lowest failing item is thrown', async () => {
		const started: number[] = [];
		const run = runItems(20, 3, async (index) => {
			started.push(index);
			for (let turn = 0; turn < (index === 2 ? 5 : 1); turn++) await settle();
			if (index === 2 || index === 3) throw new Error(`item ${index}`);
			return index;
		});
		await expect(run).rejects.toThrow('item 2');
		expect(Math.max(...started)).toBeLessThan(6);
	});

	test('one at a time is the plain sequential loop', async () => {
		const order: string[] = [];
		await runItems(3, 1, async (index) => {
			order.push(`start ${index}`);
			await settle();
			order.push(`end ${index}`);
		});
		expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
	});

	test('items sharing an exclusive key run one after the other, in item order; the others keep their concurrency', async () => {
		const keys = ['a', 'a', undefined, 'b', 'a', undefined];
		const order: string[] = [];
		let inFlight = 0;
		let most = 0;
		const running = new Set<string>();
		await runItems(
			keys.length,
			4,
			async (index) => {
				const key = keys[index];
				if (key !== undefined) {
					expect(running.has(key)).toBe(false);
					running.add(key);
				}
				most = Math.max(most, ++inFlight);
				order.push(`start ${index}`);
				for (let turn = 0; turn < 3; turn++) await settle();
				order.push(`end ${index}`);
				inFlight--;
				if (key !== undefined) running.delete(key);
			},
			{ exclusiveKey: (index) => keys[index] },
		);
		// Item 1 waits for item 0, and item 4 for item 1, while items 2, 3 and 5 take the free slots.
		expect(order.indexOf('start 1')).toBeGreaterThan(order.indexOf('end 0'));
		expect(order.indexOf('start 4')).toBeGreaterThan(order.indexOf('end 1'));
		expect(order.indexOf('start 2')).toBeLessThan(order.indexOf('end 0'));
		expect(order.indexOf('start 3')).toBeLessThan(order.indexOf('end 0'));
		expect(most).toBe(4);
	});

	test('once cancelled, no further item starts, and the run ends with the cancellation', async () => {
		let cancelled = false;
		const started: number[] = [];
		const run = runItems(
			10,
			2,
			async (index) => {
				started.push(index);
				if (index === 1) cancelled = true;
				await settle();
				return index;
			},
			{ cancelled: () => cancelled },
			(unrun) => new Error(`not run: ${unrun.join(' ')}`),
		);
		await expect(run).rejects.toThrow('not run: 2 3 4 5 6 7 8 9');
		expect(started).toEqual([0, 1]);
	});

	test('once cancelled, the unrun items named include one held back by its key while later items ran', async () => {
		let cancelled = false;
		const run = runItems(
			4,
			2,
			async (index) => {
				if (index === 2) cancelled = true;
				await settle();
				return index;
			},
			// Items 0 and 1 share a key: 1 waits for 0, and 2 takes the free slot first.
			{ exclusiveKey: (index) => (index < 2 ? 'same name' : undefined), cancelled: () => cancelled },
			(unrun) => new Error(`not run: ${unrun.join(' ')}`),
		);
		await expect(run).rejects.toThrow('not run: 1 3');
	});
});
