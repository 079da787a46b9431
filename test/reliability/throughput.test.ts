/**
 * Request Options through n8n's engine: items in flight together keep the output order, pairedItem and Continue On
 * Fail of a one-at-a-time run; bad option values fail before anything is sent; 1,000 creates against an emulator
 * throttled at 200 requests per second all succeed, each created once.
 */
import { n8nClock } from '../../nodes/HuaweiCloudVpc/transport/clock';
import { runNode, shutDownEngine } from '../helpers/engine';
import { sessionCreateParameters } from '../helpers/parameters';
import { namedItems, startFaultyApi, type FaultyApi } from './helpers';

let api: FaultyApi;
afterEach(async () => await api?.close());
afterAll(() => shutDownEngine());

describe('Max Concurrent Requests', () => {
	test('answers arriving out of order still come out in item order, paired to their items', async () => {
		api = await startFaultyApi();
		const items = namedItems(12);
		// The first requests answer last.
		api.emulator.setFaults({ script: items.map((_, index) => ({ latencyMs: (12 - index) * 15 })) });
		const result = await api.runCreate(items, { maxConcurrentRequests: 6 });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.name)).toEqual(items.map((item) => item.name));
		expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	});

	test('Continue On Fail: a failed item keeps its place as an error item', async () => {
		api = await startFaultyApi();
		const items = namedItems(8);
		items[5] = { name: 'bad name with spaces and #' };
		const result = await api.runCreate(items, { maxConcurrentRequests: 4 }, { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(8);
		expect(result.items[5].json.error).toMatch(/Invalid Name/);
		expect(result.items[5].pairedItem).toEqual({ item: 5 });
		expect(result.items.filter((item) => item.json.error === undefined).map((item) => item.json.name)).toEqual(
			items.filter((_, index) => index !== 5).map((item) => item.name),
		);
	});

	test('without Continue On Fail the run fails on the lowest failing item, with its index', async () => {
		api = await startFaultyApi();
		const items = namedItems(8);
		items[3] = { name: 'bad name #3' };
		items[6] = { name: 'bad name #6' };
		const result = await api.runCreate(items, { maxConcurrentRequests: 4 });
		expect(result.error?.message).toMatch(/Invalid Name/);
		expect(result.error?.context).toMatchObject({ itemIndex: 3 });
		// Items before the failing one are all done; none after the window in flight was started.
		for (const item of items.slice(0, 3)) expect(api.createsByName()[item.name as string]).toBe(1);
		expect(api.emulator.counters().created.sessions).toBeLessThanOrEqual(3 + 3);
	});

	test.each([
		['maxConcurrentRequests', 0],
		['maxConcurrentRequests', 33],
		['maxRequestsPerSecond', 201],
		['maxRetries', 11],
		['timeout', 0],
		['maxConcurrentRequests', 2.5],
	])('%s = %s is refused before anything is sent', async (name, value) => {
		api = await startFaultyApi();
		const before = api.totalRequests();
		const result = await api.runCreate(namedItems(1), { [name]: value });
		expect(result.error?.message).toMatch(
			/^Invalid (Max Concurrent Requests|Max Requests Per Second|Max Retries|Timeout): must be a whole number from/,
		);
		expect(api.totalRequests()).toBe(before);
	});
});

describe('Max Requests Per Second', () => {
	test('1,000 creates against an API throttled at 200 requests per second all succeed, each created once', async () => {
		api = await startFaultyApi({ faults: { rateLimit: 200 } });
		const items = namedItems(1000, 'bulk');
		const result = await runNode({
			parameters: sessionCreateParameters(api.filterId, { requestOptions: { maxConcurrentRequests: 8, maxRequestsPerSecond: 180 } }),
			credentials: api.credentials(),
			items,
			// Real waits: the emulator's throttling window is real time.
			clock: n8nClock,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1000);
		expect(result.items.every((item, index) => item.json.name === items[index].name && item.json.error === undefined)).toBe(
			true,
		);
		const creates = api.createsByName();
		expect(Object.keys(creates)).toHaveLength(1000);
		expect(Object.values(creates).every((count) => count === 1)).toBe(true);
		expect(api.emulator.counters().stored.sessions).toBe(1000);
	}, 60_000);
});
