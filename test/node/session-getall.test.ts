import type { INodeParameters } from 'n8n-workflow';

import { createInBatches, startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { runNode, shutDownEngine } from '../helpers/engine';
import { startSignatureServer } from '../helpers/signature-server';

// The API's largest page; 50 more sessions, so that Return All and a large Limit must follow
// page_info.next_marker, and do it in two requests.
const API_PAGE = 2000;
const SESSION_COUNT = API_PAGE + 50;
const PRIORITIES = 5;

let fixture: ApiFixture;
let filterId: string;
let createdIds: string[];
beforeAll(async () => {
	fixture = await startApiFixture();
	filterId = (await fixture.createFilter()).id;
	const sessions = await createInBatches(SESSION_COUNT, async (index) =>
		await fixture.createSession(filterId, {
			name: `bulk-${String(index).padStart(5, '0')}`,
			priority: (index % PRIORITIES) + 1,
			enabled: index % 2 === 0,
		}),
	);
	createdIds = sessions.map((session) => session.id);
}, 60_000);
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

const getMany = (parameters: INodeParameters, credentials = fixture.credentials()) =>
	runNode({ parameters: { resource: 'trafficMirrorSession', operation: 'getAll', ...parameters }, credentials });

/** Runs `action` and says how many list requests it made. */
async function countingLists<T>(action: () => Promise<T>): Promise<{ result: T; lists: number }> {
	const before = fixture.requestsOf('ListTrafficMirrorSessions');
	const result = await action();
	return { result, lists: fixture.requestsOf('ListTrafficMirrorSessions') - before };
}

test('Return All follows next_marker to the last page, one item per session, in creation order', async () => {
	const { result, lists } = await countingLists(() => getMany({ returnAll: true }));
	expect(result.error).toBeUndefined();
	expect(lists).toBe(2);
	expect(result.items.map((item) => item.json.id)).toEqual(createdIds);
	expect(result.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
});

test('Limit stops at the limit, across a page boundary when it is larger than a page', async () => {
	const { result, lists } = await countingLists(() => getMany({ returnAll: false, limit: API_PAGE + 10 }));
	expect(result.error).toBeUndefined();
	expect(lists).toBe(2);
	expect(result.items.map((item) => item.json.id)).toEqual(createdIds.slice(0, API_PAGE + 10));
});

test('without Return All the default Limit is 50, read in one request', async () => {
	const { result, lists } = await countingLists(() => getMany({}));
	expect(lists).toBe(1);
	expect(result.items.map((item) => item.json.id)).toEqual(createdIds.slice(0, 50));
});

test('filters narrow the list; several values of one filter match any of them', async () => {
	const result = await getMany({
		returnAll: true,
		filters: { name: 'bulk-00001, bulk-00002,bulk-00003', priority: '2,3', enabled: false },
	});
	expect(result.error).toBeUndefined();
	// bulk-00001 has priority 2, bulk-00002 priority 3 (but enabled), bulk-00003 priority 4.
	expect(result.items.map((item) => item.json.name)).toEqual(['bulk-00001']);
});

test('a single-valued filter and Limit together', async () => {
	const result = await getMany({ limit: 3, filters: { priority: '5', trafficMirrorTargetType: 'eni' } });
	expect(result.items.map((item) => item.json.name)).toEqual(['bulk-00004', 'bulk-00009', 'bulk-00014']);
});

test('filters by ID, by traffic mirror filter and by exact description', async () => {
	const described = await fixture.createSession(filterId, { name: 'described', description: 'mirror, with a comma' });
	const result = await getMany({
		returnAll: true,
		filters: {
			trafficMirrorSessionId: `${createdIds[7]}, ${described.id}`,
			trafficMirrorFilterId: filterId,
			description: 'mirror, with a comma',
		},
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.id)).toEqual([described.id]);
});

test('a multi-valued filter goes out as a repeated query key, a single value as one key', async () => {
	const server = await startSignatureServer();
	try {
		const empty = { status: 200, body: { traffic_mirror_sessions: [], page_info: { current_count: 0 }, request_id: 'r' } };
		server.respondWith(empty);
		const result = await getMany(
			{ limit: 10, filters: { priority: '7, 9', virtualNetworkId: '12', enabled: true } },
			server.credentials(),
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].signatureValid).toBe(true);
		expect(server.requests[0].query).toEqual({ priority: ['7', '9'], virtual_network_id: ['12'], enabled: ['true'], limit: ['10'] });
	} finally {
		await server.close();
	}
});

test.each([
	['empty', ''],
	['only spaces', '   '],
])('a Description filter left %s is no filter: it is not sent, so it does not keep only the undescribed', async (_, description) => {
	const server = await startSignatureServer();
	try {
		server.respondWith({ status: 200, body: { traffic_mirror_sessions: [], page_info: { current_count: 0 }, request_id: 'r' } });
		const result = await getMany({ limit: 10, filters: { description, enabled: true } }, server.credentials());
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].query).toEqual({ enabled: ['true'], limit: ['10'] });
	} finally {
		await server.close();
	}
});

describe('invalid filters and limits fail before anything is sent', () => {
	test.each([
		['a priority out of range', { filters: { priority: '1, 40000' } }, /^Invalid Priority \(priority\): must be an integer from 1 to 32766; got "40000"/],
		['a name breaking the name rule', { filters: { name: 'ok-name, bad name' } }, /^Invalid Name \(name\).*got "bad name"/],
		['a filter left blank', { filters: { name: ' , ' } }, /^Invalid Name \(name\).*got ""/],
		['a description with "<"', { filters: { description: '<b>' } }, /^Invalid Description \(description\)/],
		['a Limit of 0 from an expression', { limit: '={{ 0 }}' }, /^Invalid Limit/],
	])('%s', async (_, parameters, message) => {
		const before = fixture.totalRequests();
		const result = await getMany(parameters);
		expect(result.error?.message).toMatch(message);
		expect(fixture.totalRequests()).toBe(before);
	});
});
