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
});
