/**
 * The node under the emulator's faults: after every run, the emulator's counters prove that each item's session
 * was created exactly once, or the item was reported failed with a clear error, and that none was created twice.
 * Waits are recorded and instant, except where the emulator's own real time matters (said so in the test).
 */
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { ScriptedFault } from '../../emulator/options';
import { stoppedClock } from '../helpers/clock';
import { runNode, shutDownEngine } from '../helpers/engine';
import { MISSING_ID } from '../helpers/ids';
import { sessionCreateParameters } from '../helpers/parameters';
import { refusedEndpoint } from '../helpers/refused-endpoint';
import { namedItems, startFaultyApi, type FaultyApi } from './helpers';

const CONTINUE = { onError: 'continueRegularOutput' as const };

/** A scripted fault for the next create only: the look-ups around it pass it by. */
const onCreate = (fault: ScriptedFault = {}): ScriptedFault => ({ operation: 'CreateTrafficMirrorSession', ...fault });
const onList = (fault: ScriptedFault = {}): ScriptedFault => ({ operation: 'ListTrafficMirrorSessions', ...fault });

/**
 * The node's Create on a clock that stands still, so that the note of what exists taken before the first create
 * serves every item however long the recorded waits add up to, and the script's lists come in a known order.
 */
async function runCreateOnStoppedClock(items: IDataObject[], requestOptions: INodeParameters, settings?: Partial<INode>) {
	const clock = stoppedClock();
	const result = await runNode({
		parameters: sessionCreateParameters(api.filterId, { requestOptions }),
		credentials: api.credentials(),
		items,
		settings,
		clock,
	});
	return { ...result, waits: clock.waits };
}

let api: FaultyApi;
afterEach(async () => await api?.close());
afterAll(() => shutDownEngine());

/**
 * Every output item is the session of its input's name, created exactly once: a passing fault must be ridden out,
 * never turned into a failed item nor into a second session.
 */
function expectEachCreatedOnce(items: INodeExecutionData[], names: string[]) {
	expect(items.map((item) => [item.json.error, item.json.name, item.pairedItem])).toEqual(
		names.map((name, item) => [undefined, name, { item }]),
	);
	const creates = api.createsByName();
	expect(Object.keys(creates).sort()).toEqual([...names].sort());
	expect(Object.values(creates).every((count) => count === 1)).toBe(true);
	expect(api.emulator.counters().stored.sessions).toBe(names.length);
}

describe('throttling (429 APIGW.0308)', () => {
	test('a 429 storm is ridden out by blind retries honouring Retry-After: every item created once', async () => {
		api = await startFaultyApi();
		const items = namedItems(10);
		api.emulator.setFaults({
			retryAfterSeconds: 2,
			script: Array.from({ length: 24 }, (_, index) => onCreate(index % 3 === 2 ? {} : { throttle: true })),
		});
		const result = await runCreateOnStoppedClock(items, { maxRetries: 10, maxConcurrentRequests: 3 });
		expect(result.error).toBeUndefined();
		expectEachCreatedOnce(result.items, items.map((item) => item.name as string));
		expect(api.emulator.counters().faults.throttled).toBe(16);
		// A 429 is refused before the service: the create is simply sent again, with no look-up after it, nor before.
		expect(api.requestsOf('ListTrafficMirrorSessions')).toBe(0);
		expect(result.waits).toHaveLength(16);
		expect(result.waits.every((ms) => ms >= 2000)).toBe(true);
	});

	test('when the throttling outlasts Max Retries the item fails with the API\'s code, and nothing is created', async () => {
		api = await startFaultyApi();
		api.emulator.setFaults({ script: Array.from({ length: 3 }, () => onCreate({ throttle: true })) });
		const result = await api.runCreate(namedItems(1), { maxRetries: 2 });
		expect(result.error?.message).toMatch(/Huawei Cloud API error 429: APIGW\.0308/);
		expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(3);
		expect(api.emulator.counters().created.sessions).toBe(0);
		// Full jitter under a ceiling that starts at 1 s and doubles (docs/reliability.md#retries).
		expect(result.waits).toHaveLength(2);
		expect(result.waits[0]).toBeLessThanOrEqual(1000);
		expect(result.waits[1]).toBeLessThanOrEqual(2000);
	});
});

describe('5xx answers', () => {
	test('a 503 before processing is retried; a 503 or 502 after processing is found by name, not created again', async () => {
		api = await startFaultyApi();
		const items = namedItems(3);
		api.emulator.setFaults({
			script: [
				onCreate({ status: 503, when: 'before' }), // item 0: nothing made; the look-up finds nothing, so it is sent again
				onCreate(), // … the second create
				onCreate({ status: 503, when: 'after' }), // item 1: made; the look-up returns it
				onCreate({ status: 502, when: 'after' }), // item 2: the same with a 502
			],
		});
		const result = await runCreateOnStoppedClock(items, {});
		expect(result.error).toBeUndefined();
		expectEachCreatedOnce(result.items, items.map((item) => item.name as string));
		expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(4);
		// One look-up after each failure, and none before a create.
		expect(api.requestsOf('ListTrafficMirrorSessions')).toBe(3);
	});

	test('a 500 is not retried; when it came after processing, the look-up still returns the session', async () => {
		api = await startFaultyApi();
		api.emulator.setFaults({ script: [onCreate({ status: 500, when: 'before' }), onCreate({ status: 500, when: 'after' })] });
		const result = await api.runCreate(namedItems(2), undefined, CONTINUE);
		expect(result.items[0].json.error).toMatch(/Huawei Cloud API error 500/);
		expect(result.items[1].json).toMatchObject({ name: 'item-001' });
		expect(api.createsByName()).toEqual({ 'item-001': 1 });
		expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(2);
		expect(result.waits).toHaveLength(0);
	});

	test('a seeded share of 5xx before and after processing, with items in flight together', async () => {
		api = await startFaultyApi();
		const items = namedItems(40);
		api.emulator.setFaults({ errorRate: 0.3, errorStatuses: [502, 503, 504], errorWhen: 'random', seed: 7 });
		const result = await api.runCreate(items, { maxConcurrentRequests: 4, maxRetries: 8 }, CONTINUE);
		expect(api.emulator.counters().faults.status).toBeGreaterThan(5);
		expectEachCreatedOnce(result.items, items.map((item) => item.name as string));
	});
});

describe('dropped connections', () => {
	test('dropped before processing: sent again; dropped after: found by name', async () => {
		api = await startFaultyApi();
		const items = namedItems(2);
		api.emulator.setFaults({ script: [onCreate({ drop: 'before' }), onCreate(), onCreate({ drop: 'after' })] });
		const result = await api.runCreate(items);
		expect(result.error).toBeUndefined();
		expectEachCreatedOnce(result.items, ['item-000', 'item-001']);
		expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(3);
	});

	test('a seeded share of dropped connections, before and after processing', async () => {
		api = await startFaultyApi();
		const items = namedItems(40);
		api.emulator.setFaults({ dropRate: 0.3, dropWhen: 'random', seed: 11 });
		const result = await api.runCreate(items, { maxConcurrentRequests: 4, maxRetries: 8 }, CONTINUE);
		expect(api.emulator.counters().faults.dropped).toBeGreaterThan(5);
		expectEachCreatedOnce(result.items, items.map((item) => item.name as string));
	});

	test('connection refused: retried (nothing can have been made), then a clear error', async () => {
		api = await startFaultyApi();
		const result = await runNode({
			parameters: sessionCreateParameters(api.filterId, { requestOptions: { maxRetries: 2 } }),
			credentials: api.credentials({ endpoint: await refusedEndpoint() }),
			items: namedItems(1),
		});
		expect(result.error?.message).toBe('Could not reach Huawei Cloud: the endpoint refused the connection');
		expect(result.error?.description).toMatch(/ECONNREFUSED/);
		expect(result.waits).toHaveLength(2);
	});
});

describe('answers slower than the timeout', () => {
	test('one slow answer: the node waits as long again, finds the session by name and does not create it twice', async () => {
		api = await startFaultyApi();
		api.emulator.setFaults({ script: [onCreate({ latencyMs: 500 })] });
		const result = await runNode({
			parameters: sessionCreateParameters(api.filterId, { requestOptions: { timeout: 300 } }),
			credentials: api.credentials(),
			items: namedItems(2),
			// Real waits here: the emulator is still working on the timed-out create, in real time.
			clock: { now: () => Date.now(), sleep: async (ms) => await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 400))) },
		});
		expect(result.error).toBeUndefined();
		expectEachCreatedOnce(result.items, ['item-000', 'item-001']);
		expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(2);
	});

	test('every answer too slow: each item fails with a timeout error and is never sent twice', async () => {
		api = await startFaultyApi();
		// For each item, its create and both tries of the look-up after it are too slow.
		const slow = { latencyMs: 250 };
		const perItem = [onCreate(slow), onList(slow), onList(slow)];
		api.emulator.setFaults({ script: [...perItem, ...perItem] });
		const result = await runCreateOnStoppedClock(namedItems(2), { timeout: 100, maxRetries: 1 }, CONTINUE);
		for (const item of result.items) {
			expect(item.json.error).toBe('Huawei Cloud did not answer within 100 ms (the Timeout request option)');
			expect(item.json.description).toMatch(/may have been processed/);
		}
		// Let the emulator finish the creates it is still sleeping over.
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(2);
		expect(Object.values(api.createsByName()).every((count) => count === 1)).toBe(true);
	});
});

describe('malformed bodies', () => {
	test('an HTML 502 page is retried; a create answer cut in half is found by name', async () => {
		api = await startFaultyApi();
		api.emulator.setFaults({ script: [onCreate({ malformed: 'html' }), onCreate(), onCreate({ malformed: 'truncated' })] });
		const result = await api.runCreate(namedItems(2));
		expect(result.error).toBeUndefined();
		expectEachCreatedOnce(result.items, ['item-000', 'item-001']);
		expect(result.items[1].json.id).toEqual(expect.any(String));
	});

	test('an HTML 500 page is not retried and becomes a clear error with the status', async () => {
		api = await startFaultyApi();
		api.emulator.setFaults({ script: [onCreate({ malformed: 'html', status: 500 })] });
		const result = await api.runCreate(namedItems(1));
		expect(result.error?.message).toMatch(/^Huawei Cloud API error 500: /);
		expect(api.emulator.counters().created.sessions).toBe(0);
	});

	test('a 400 is never retried', async () => {
		api = await startFaultyApi();
		const result = await api.run(sessionCreateParameters(MISSING_ID), namedItems(1));
		expect(result.error?.message).toMatch(/Huawei Cloud API error 400: VPC\.0002/);
		expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(1);
		expect(result.waits).toHaveLength(0);
	});
});
